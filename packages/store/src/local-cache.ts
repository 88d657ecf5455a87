// Workers and serving read dataset versions and model files as local files (DuckDB and the model
// loader want a path). With an S3 store they keep a cache by hash: ROUNDHOUSE_CACHE_DIR (default
// ROUNDHOUSE_HOME/cache), bounded by ROUNDHOUSE_CACHE_MB (default 10 GB), least recently used
// first out. A cached file is hashed before it is first handed out by a process (verified-files).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StoreIntegrityError, sha256OfKey } from "./object-store.ts";
import { markVerified, touchVerified, verifiedFile } from "./verified-files.ts";

const ABANDONED_PARTIAL_MS = 60 * 60_000;

export interface LocalCache {
  readonly dir: string;
  /** The cached file for key, fetched with `download` (into a temporary path) when absent or damaged. */
  file(key: string, download: (tmp: string) => Promise<string>): Promise<string>;
}

export function localCache(dir: string, maxBytes: number): LocalCache {
  const inFlight = new Map<string, Promise<string>>();

  async function fetchInto(key: string, file: string, download: (tmp: string) => Promise<string>) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.partial`;
    try {
      const actual = await download(tmp);
      if (actual !== sha256OfKey(key)) throw new StoreIntegrityError(key, actual);
      fs.renameSync(tmp, file);
      markVerified(file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    evict(file);
    return file;
  }

  async function get(key: string, download: (tmp: string) => Promise<string>) {
    const file = path.join(dir, key);
    if (fs.existsSync(file)) {
      try {
        await verifiedFile(key, file);
        touchVerified(file);
        return file;
      } catch (err) {
        if (!(err instanceof StoreIntegrityError)) throw err;
        fs.rmSync(file, { force: true }); // a damaged copy is replaced from the store
      }
    }
    return fetchInto(key, file, download);
  }

  /**
   * Oldest-used files go until the cache fits; the file just fetched stays even if it alone is larger.
   * A `.partial` download older than an hour was left by a killed process and goes too.
   */
  function evict(keep: string) {
    const files: { file: string; size: number; used: number }[] = [];
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (!entry.name.endsWith(".partial")) files.push({ file, size: stat.size, used: stat.mtimeMs });
      else if (Date.now() - stat.mtimeMs > ABANDONED_PARTIAL_MS) fs.rmSync(file, { force: true });
    }
    let total = files.reduce((s, f) => s + f.size, 0);
    for (const f of files.sort((a, b) => a.used - b.used)) {
      if (total <= maxBytes) break;
      if (f.file === keep) continue;
      fs.rmSync(f.file, { force: true });
      total -= f.size;
    }
  }

  return {
    dir,
    file(key, download) {
      const pending = inFlight.get(key);
      if (pending) return pending;
      const p = get(key, download).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
  };
}
