import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PayloadTooLarge } from "@roundhouse/contracts";
import { assertDiskRoom } from "./disk-room.ts";

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export function maxUploadBytes(): number {
  return Number(process.env.ROUNDHOUSE_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES);
}

export interface ReceivedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** The disk's free space is looked at again after every this many bytes of an upload. */
const ROOM_CHECK_BYTES = 64 * 2 ** 20;

/**
 * Streams an upload to `dest`, hashing as it goes; never holds the file in memory. Past the size
 * limit it stops reading, deletes what it wrote and throws PayloadTooLarge (413); likewise with
 * InsufficientStorage (507) when the disk comes down to its reserve (several uploads at once).
 */
export async function receiveUpload(body: AsyncIterable<Uint8Array>, dest: string, limitBytes = maxUploadBytes()): Promise<ReceivedFile> {
  const hash = createHash("sha256");
  const out = fs.createWriteStream(dest);
  let bytes = 0;
  let checkAt = ROOM_CHECK_BYTES;
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > limitBytes) throw new PayloadTooLarge(limitBytes);
      if (bytes >= checkAt) {
        assertDiskRoom(path.dirname(dest));
        checkAt = bytes + ROOM_CHECK_BYTES;
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { path: dest, bytes, sha256: hash.digest("hex") };
  } catch (err) {
    out.destroy();
    fs.rmSync(dest, { force: true });
    throw err;
  }
}
