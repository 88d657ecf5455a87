// A text file in UTF-16, as Excel saves "Unicode Text" and some Windows tools export CSV: its byte
// order mark says so, and every step after this one reads UTF-8 (DuckDB's reader, the header line
// for the delimiter and the column count). Such a file was refused as binary; it is now copied
// as UTF-8 first and read as any other.
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

type Utf16 = "utf-16le" | "utf-16be";

/** The file's UTF-16 byte order from its byte order mark, or null. */
export function utf16Of(file: string): Utf16 | null {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(2);
  const n = fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  if (n < 2) return null;
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}

export interface Utf8File {
  /** The file to read: `file` itself, or its UTF-8 copy at `dest`. */
  path: string;
  /** What the upload should say (the file was UTF-16), if anything. */
  notes: string[];
}

/** `file` as UTF-8: itself, or (a UTF-16 file) copied to `dest` as UTF-8 without its byte order mark. */
export async function asUtf8(file: string, dest: string): Promise<Utf8File> {
  const encoding = utf16Of(file);
  if (!encoding) return { path: file, notes: [] };
  // The decoder drops the byte order mark and keeps a character split between chunks for the next.
  const decoder = new TextDecoder(encoding);
  const toUtf8 = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), "utf8"));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), "utf8"));
    },
  });
  await pipeline(fs.createReadStream(file), toUtf8, fs.createWriteStream(dest));
  return {
    path: dest,
    notes: [`Read the file as UTF-16 text (${encoding === "utf-16le" ? "little" : "big"}-endian), as Excel's "Unicode Text" saves it.`],
  };
}
