// Where model files live. An interface, so object storage can take the folder's place later.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface StoredArtifact {
  path: string;
  byteSize: number;
  sha256: string;
}

export interface ArtifactStore {
  put(key: string, content: string | Buffer): Promise<StoredArtifact>;
  get(location: string): Promise<Buffer>;
}

/** ROUNDHOUSE_HOME/artifacts/<key>, written to a temporary name and renamed, so never half-written. */
export function folderArtifactStore(
  root = path.join(path.resolve(process.env.ROUNDHOUSE_HOME ?? ".roundhouse"), "artifacts"),
): ArtifactStore {
  return {
    async put(key, content) {
      const file = path.join(root, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.partial`;
      fs.writeFileSync(tmp, content);
      fs.renameSync(tmp, file);
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      return { path: file, byteSize: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    },
    async get(location) {
      return fs.readFileSync(location);
    },
  };
}
