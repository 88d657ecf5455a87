// A gzip-compressed upload (`orders.csv.gz`, as pandas' to_csv(compression="gzip"), S3 and warehouse
// exports and Kaggle write them) is decompressed to a temporary copy first; the rest of the reading
// never knows. The copy stops with a 413 once it grows past the upload limit, so a small file that
// inflates to terabytes (a decompression bomb) costs at most that much disk and time.
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { PayloadTooLarge } from "@roundhouse/contracts";
import { invalid } from "./errors.ts";

export function isGzip(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/** The name without its ".gz", so that "rows.jsonl.gz" is read as JSON Lines. */
export const withoutGz = (name: string | undefined) => name?.replace(/\.gz$/i, "");

/**
 * `file` itself, or, when it is gzip-compressed, its decompressed copy at `dest` of at most
 * `limitBytes` (past it: PayloadTooLarge, the copy removed). `partial`: the file is a compressed
 * file's start (the upload dialog's preview), so its stream ends early and its copy is cut at the
 * limit instead.
 */
export async function gunzipped(file: string, dest: string, limitBytes: number, partial = false): Promise<string> {
  if (!isGzip(file)) return file;
  let written = 0;
  let cut = false;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (cut) return done();
      written += chunk.length;
      if (written <= limitBytes) return done(null, chunk);
      if (!partial)
        return done(
          new PayloadTooLarge(limitBytes, "The decompressed file", " (ROUNDHOUSE_MAX_UPLOAD_BYTES; a gzip file counts as it decompresses)"),
        );
      cut = true;
      done(null, chunk.subarray(0, chunk.length - (written - limitBytes)));
    },
  });
  const gunzip = zlib.createGunzip(partial ? { finishFlush: zlib.constants.Z_SYNC_FLUSH } : {});
  try {
    await pipeline(fs.createReadStream(file), gunzip, bounded, fs.createWriteStream(dest));
  } catch (err) {
    fs.rmSync(dest, { force: true });
    if (err instanceof PayloadTooLarge) throw err;
    throw invalid(
      "file",
      `The file is gzip-compressed but cannot be decompressed (${(err as Error).message}): it may be cut short or damaged.`,
    );
  }
  if (written === 0) {
    fs.rmSync(dest, { force: true });
    throw invalid("file", "The file is gzip-compressed and holds nothing.");
  }
  return dest;
}
