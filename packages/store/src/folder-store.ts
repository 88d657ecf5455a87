// The default store: a folder (ROUNDHOUSE_HOME/store). Objects are written to a unique temporary
// name beside their final place and renamed, so a reader never sees half a file and concurrent
// writers of one key each finish with the same, whole bytes.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import {
  checkBytes,
  keyFor,
  type ObjectStore,
  type StoreEntry,
  StoreObjectMissing,
  sha256OfBytes,
  sha256OfFile,
  sha256OfKey,
} from "./object-store.ts";
import { markVerified, touchVerified, verifiedFile } from "./verified-files.ts";

export function folderStore(root: string): ObjectStore {
  const fileOf = (key: string) => {
    sha256OfKey(key);
    return path.join(root, key);
  };

  async function place(key: string, byteSize: number, write: (tmp: string) => Promise<void>) {
    const file = path.join(root, key);
    const existing = fs.statSync(file, { throwIfNoEntry: false });
    if (existing?.size === byteSize) {
      // Already there: freshen it, so the sweeper's grace period starts again for this new use.
      touchVerified(file);
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.partial`;
    try {
      await write(tmp);
      fs.renameSync(tmp, file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  return {
    location: root,
    async putFile(source, extension) {
      const sha256 = await sha256OfFile(source);
      const key = keyFor(sha256, extension);
      const byteSize = fs.statSync(source).size;
      await place(key, byteSize, (tmp) => pipeline(fs.createReadStream(source), fs.createWriteStream(tmp)));
      return { key, sha256, byteSize };
    },
    async putBytes(content, extension) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      const sha256 = sha256OfBytes(bytes);
      const key = keyFor(sha256, extension);
      await place(key, bytes.length, async (tmp) => {
        fs.writeFileSync(tmp, bytes);
        markVerified(tmp);
      });
      return { key, sha256, byteSize: bytes.length };
    },
    async localFile(key) {
      const file = fileOf(key);
      if (!fs.existsSync(file)) throw new StoreObjectMissing(key, root);
      return verifiedFile(key, file);
    },
    async readBytes(key) {
      const file = fileOf(key);
      if (!fs.existsSync(file)) throw new StoreObjectMissing(key, root);
      return checkBytes(key, fs.readFileSync(file));
    },
    async exists(key) {
      return fs.existsSync(fileOf(key));
    },
    async *list(): AsyncIterable<StoreEntry> {
      const top = path.join(root, "sha256");
      if (!fs.existsSync(top)) return;
      for (const entry of fs.readdirSync(top, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        if (stat) yield { key: path.relative(root, file), byteSize: stat.size, lastModified: stat.mtime };
      }
    },
    async remove(key) {
      // Abandoned partial writes are listed too; they are not content addresses but live in the tree.
      const file = path.resolve(root, key);
      if (!file.startsWith(path.join(path.resolve(root), "sha256") + path.sep)) throw new Error(`"${key}" is not in the store`);
      fs.rmSync(file, { force: true });
    },
  };
}
