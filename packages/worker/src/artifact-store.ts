// Model files go to the object store (a folder by default, S3 when configured) under their content
// address, written before any row refers to them. A file no row refers to (its attempt was killed
// before the job completed, or a dataset upload was refused after its file went in) is removed by
// sweepUnreferencedFiles after a grace period.
import type { Db } from "@roundhouse/db";
import { type ObjectStore, objectStore } from "@roundhouse/store";

export interface StoredArtifact {
  /** The store key the artifact row keeps. */
  path: string;
  byteSize: number;
  sha256: string;
}

export async function storeArtifact(content: string | Buffer, extension: string, store = objectStore()): Promise<StoredArtifact> {
  const put = await store.putBytes(content, extension);
  return { path: put.key, byteSize: put.byteSize, sha256: put.sha256 };
}

/**
 * Objects in the store that neither a model file row nor a dataset version row refers to, and that
 * were last written more than `graceMs` ago, are removed (so are partial writes left by a killed process).
 */
export async function sweepUnreferencedFiles(
  db: Db,
  { store = objectStore(), graceMs = 3_600_000 }: { store?: ObjectStore; graceMs?: number } = {},
): Promise<{ removed: number; bytes: number }> {
  const [artifacts, versions] = await Promise.all([
    db.artifact.findMany({ select: { path: true }, distinct: ["path"] }),
    db.datasetVersion.findMany({ select: { storagePath: true } }),
  ]);
  const referenced = new Set([...artifacts.map((a) => a.path), ...versions.map((v) => v.storagePath)]);
  const cutoff = Date.now() - graceMs;
  let removed = 0;
  let bytes = 0;
  for await (const entry of store.list()) {
    if (referenced.has(entry.key) || entry.lastModified.getTime() > cutoff) continue;
    await store.remove(entry.key);
    removed++;
    bytes += entry.byteSize;
  }
  return { removed, bytes };
}
