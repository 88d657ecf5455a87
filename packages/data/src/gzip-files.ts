// A gzip-compressed upload (`orders.csv.gz`, as pandas' to_csv(compression="gzip"), S3 and warehouse
// exports and Kaggle write them) is decompressed to a temporary copy first; the rest of the reading
// never knows. The copy stops with a 413 once it grows past the upload limit, so a small file that
// inflates to terabytes (a decompression bomb) costs at most that much disk and time.
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { PayloadTooLarge, type TextEncoding } from "@roundhouse/contracts";
import { invalid } from "./errors.ts";
import { asUtf8, type Utf8File } from "./text-encoding.ts";

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
 * Calls `use` with `file` as UTF-8 text (Utf8File), decompressed first when it is gzip-compressed (at
 * most `limitBytes`; `partial`: cut there, and `cut` says so), the way the upload and its preview
 * read a file; the copies are removed afterwards.
 */
export async function withPlainText<T>(
  file: string,
  dest: string,
  o: { limitBytes: number; partial?: boolean; encoding?: TextEncoding },
  use: (text: Utf8File, cut: boolean) => Promise<T>,
): Promise<T> {
  const { path: plain, cut } = await gunzipped(file, `${dest}.gunzip`, o.limitBytes, o.partial);
  try {
    const text = await asUtf8(plain, `${dest}.utf8`, o.encoding);
    try {
      return await use(text, cut);
    } finally {
      if (text.path !== plain) fs.rmSync(text.path, { force: true });
    }
  } finally {
    if (plain !== file) fs.rmSync(plain, { force: true });
  }
}

/**
 * `file` itself, or, when it is gzip-compressed, its decompressed copy at `dest` of at most
 * `limitBytes` (past it: PayloadTooLarge, the copy removed). `partial`: only the start is wanted
 * (the upload dialog's preview; the file may be a compressed file's start, whose stream ends early):
 * the copy is cut at the limit instead, and `cut` says so.
 */
async function gunzipped(file: string, dest: string, limitBytes: number, partial = false): Promise<{ path: string; cut: boolean }> {
  if (!isGzip(file)) return { path: file, cut: false };
  let written = 0;
  let cut = false;
  try {
    if (partial) ({ written, cut } = await gunzipStart(file, dest, limitBytes));
    else written = await gunzipWhole(file, dest, limitBytes);
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
  return { path: dest, cut };
}

async function gunzipWhole(file: string, dest: string, limitBytes: number): Promise<number> {
  let written = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (written <= limitBytes) return done(null, chunk);
      done(
        new PayloadTooLarge(limitBytes, "The decompressed file", " (ROUNDHOUSE_MAX_UPLOAD_BYTES; a gzip file counts as it decompresses)"),
      );
    },
  });
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), bounded, fs.createWriteStream(dest));
  return written;
}

/** The first `limitBytes` of a (possibly cut) gzip file, in memory: decompression stops there (a 256 KiB bomb inflates to 256 MB). */
async function gunzipStart(file: string, dest: string, limitBytes: number): Promise<{ written: number; cut: boolean }> {
  const gunzip = zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [];
  let size = 0;
  let cut = false;
  await new Promise<void>((resolve, reject) => {
    gunzip.on("data", (chunk: Buffer) => {
      if (cut) return;
      parts.push(chunk);
      size += chunk.length;
      if (size < limitBytes) return;
      cut = true;
      gunzip.destroy();
      resolve();
    });
    gunzip.on("end", resolve);
    gunzip.on("error", (err) => (cut ? resolve() : reject(err)));
    fs.createReadStream(file).on("error", reject).pipe(gunzip);
  });
  const start = Buffer.concat(parts).subarray(0, limitBytes);
  fs.writeFileSync(dest, start);
  return { written: start.length, cut };
}
