// A local file is handed out only after its bytes were hashed and matched its key. Hashing a large
// Parquet file on every read would cost more than the read, so a file checked once in this process
// is trusted again while its size, inode and modification time are unchanged; any write to it
// (or a replacement) changes them and it is hashed again.
import fs from "node:fs";
import { StoreIntegrityError, sha256OfFile, sha256OfKey } from "./object-store.ts";

const checked = new Map<string, string>();

const signature = (s: fs.Stats) => `${s.size}:${s.ino}:${s.mtimeMs}`;

/** Resolves to the file when its bytes match the key's hash; throws StoreIntegrityError when not. */
export async function verifiedFile(key: string, file: string): Promise<string> {
  const before = fs.statSync(file);
  if (checked.get(file) === signature(before)) return file;
  const actual = await sha256OfFile(file);
  if (actual !== sha256OfKey(key)) {
    checked.delete(file);
    throw new StoreIntegrityError(key, actual);
  }
  checked.set(file, signature(before));
  return file;
}

/** Marks a file this process has just written from bytes it hashed itself. */
export function markVerified(file: string): void {
  checked.set(file, signature(fs.statSync(file)));
}

/** A file touched to mark it recently used keeps its trust (only its times changed, not its bytes). */
export function touchVerified(file: string): void {
  const wasTrusted = checked.get(file) === signature(fs.statSync(file));
  const now = new Date();
  fs.utimesSync(file, now, now);
  if (wasTrusted) markVerified(file);
}
