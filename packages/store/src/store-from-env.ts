// The store this process uses, from its environment: ROUNDHOUSE_STORE=s3://bucket/prefix for an
// S3-compatible store, an absolute path for a folder (a volume several hosts mount, e.g. NFS),
// otherwise the folder ROUNDHOUSE_HOME/store. Rows name files by store key;
// rows written before the store existed name absolute paths, which are still read where they are.
import fs from "node:fs";
import path from "node:path";
import { folderStore } from "./folder-store.ts";
import { localCache } from "./local-cache.ts";
import { isStoreKey, type ObjectStore } from "./object-store.ts";
import { parseS3Url, s3Store } from "./s3-store.ts";

const home = (env: NodeJS.ProcessEnv) => path.resolve(/* turbopackIgnore: true */ env.ROUNDHOUSE_HOME ?? ".roundhouse");

export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  const configured = env.ROUNDHOUSE_STORE?.trim();
  if (configured?.startsWith("s3://")) {
    const cacheMb = Number(env.ROUNDHOUSE_CACHE_MB ?? 10_240);
    if (!Number.isFinite(cacheMb) || cacheMb <= 0)
      throw new Error(`ROUNDHOUSE_CACHE_MB must be a positive number of megabytes, not "${env.ROUNDHOUSE_CACHE_MB}"`);
    const cache = localCache(
      path.resolve(/* turbopackIgnore: true */ env.ROUNDHOUSE_CACHE_DIR ?? path.join(home(env), "cache")),
      cacheMb * 1024 * 1024,
    );
    return s3Store({ ...parseS3Url(configured), cache });
  }
  if (configured && path.isAbsolute(configured)) return folderStore(configured);
  if (configured)
    throw new Error(
      `ROUNDHOUSE_STORE must be s3://bucket/prefix or an absolute folder path (or unset for the folder ROUNDHOUSE_HOME/store), not "${configured}"`,
    );
  return folderStore(path.join(home(env), "store"));
}

let current: { signature: string; store: ObjectStore } | undefined;

/** This process's store; made again if the variables that choose it change (tests switch homes). */
export function objectStore(): ObjectStore {
  const e = process.env;
  const signature = [e.ROUNDHOUSE_STORE, e.ROUNDHOUSE_HOME, e.ROUNDHOUSE_CACHE_DIR, e.ROUNDHOUSE_CACHE_MB, e.AWS_ENDPOINT_URL].join("\0");
  if (current?.signature !== signature) current = { signature, store: storeFromEnv(e) };
  return current.store;
}

/** A local file for what a row names: a store key (fetched and checked) or, from before the store, a path. */
export async function localFileOf(location: string): Promise<string> {
  if (isStoreKey(location)) return objectStore().localFile(location);
  if (path.isAbsolute(location)) return location;
  throw new Error(`"${location}" is neither a store key nor an absolute path`);
}

/** The bytes of what a row names, checked against its key's hash. */
export async function readStored(location: string): Promise<Buffer> {
  if (isStoreKey(location)) return objectStore().readBytes(location);
  return fs.readFileSync(/* turbopackIgnore: true */ await localFileOf(location));
}
