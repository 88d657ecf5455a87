// Where model files live: content-addressed (ROUNDHOUSE_HOME/artifacts/sha256/ab/<sha256>.json),
// so the same model written twice is one file, and a file is written before any row refers to it.
// A file no row refers to (its attempt was killed before the job completed) is removed by
// sweepUnreferencedArtifacts after a grace period. An interface, so object storage can take the
// folder's place later.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@roundhouse/db";

export interface StoredArtifact {
  path: string;
  byteSize: number;
  sha256: string;
}

export interface ArtifactStore {
  put(content: string | Buffer, extension: string): Promise<StoredArtifact>;
  get(location: string): Promise<Buffer>;
}

export const artifactsRoot = () => path.join(path.resolve(process.env.ROUNDHOUSE_HOME ?? ".roundhouse"), "artifacts");

/** Written to a temporary name and renamed, so never half-written. */
export function folderArtifactStore(root = artifactsRoot()): ArtifactStore {
  return {
    async put(content, extension) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const file = path.join(root, "sha256", sha256.slice(0, 2), `${sha256}.${extension}`);
      if (fs.existsSync(file) && fs.statSync(file).size === bytes.length) {
        // Already there: freshen it, so the sweeper's grace period starts again for this new use.
        const now = new Date();
        fs.utimesSync(file, now, now);
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.partial`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, file);
      }
      return { path: file, byteSize: bytes.length, sha256 };
    },
    async get(location) {
      return fs.readFileSync(location);
    },
  };
}

/** Files under the artifact folder that no artifact row refers to, older than `graceMs`, are removed. */
export async function sweepUnreferencedArtifacts(
  db: Db,
  { root = artifactsRoot(), graceMs = 3_600_000 }: { root?: string; graceMs?: number } = {},
): Promise<{ removed: number; bytes: number }> {
  if (!fs.existsSync(root)) return { removed: 0, bytes: 0 };
  const referenced = new Set((await db.artifact.findMany({ select: { path: true }, distinct: ["path"] })).map((a) => path.resolve(a.path)));
  const cutoff = Date.now() - graceMs;
  let removed = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.resolve(entry.parentPath, entry.name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || referenced.has(file) || stat.mtimeMs > cutoff) continue;
    fs.rmSync(file, { force: true });
    removed++;
    bytes += stat.size;
  }
  return { removed, bytes };
}
