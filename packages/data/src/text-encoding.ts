// Every step of reading a text file works on UTF-8 (DuckDB's reader, the header line for the
// delimiter and the column count), so a file in another encoding is copied as UTF-8 first: UTF-16,
// as Excel saves "Unicode Text" (its byte order mark says so; such a file was refused as binary),
// and Windows-1252 when the upload says so, as Excel saves CSV on Windows in Western Europe (such a
// file is not valid UTF-8, and the error says to give the encoding).
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TextEncoding } from "@roundhouse/contracts";

type Utf16 = "utf-16le" | "utf-16be";

/** The file's first four bytes. */
function headOf(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(4);
  const n = fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  return head.subarray(0, n);
}

/** The UTF-16 byte order its byte order mark gives, or null. */
function utf16Of(head: Buffer): Utf16 | null {
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

/**
 * `file` as UTF-8: itself, or copied to `dest` as UTF-8 (without a byte order mark) from the
 * encoding given, or else from UTF-16 when its byte order mark says so.
 */
export async function asUtf8(file: string, dest: string, given?: TextEncoding): Promise<Utf8File> {
  const head = headOf(file);
  // A Parquet file is binary whatever encoding an upload names: transcoded, it would be unreadable.
  if (given === "utf-8" || head.toString("latin1") === "PAR1") return { path: file, notes: [] };
  if (given === "windows-1252") return { path: await transcode(file, dest, given), notes: [] };
  const encoding = utf16Of(head);
  // UTF-16 without a byte order mark: Windows writes it little-endian.
  if (given === "utf-16") return { path: await transcode(file, dest, encoding ?? "utf-16le"), notes: [] };
  if (!encoding) return { path: file, notes: [] };
  return {
    path: await transcode(file, dest, encoding),
    notes: [`Read the file as UTF-16 text (${encoding === "utf-16le" ? "little" : "big"}-endian), as Excel's "Unicode Text" saves it.`],
  };
}

async function transcode(file: string, dest: string, encoding: Utf16 | "windows-1252"): Promise<string> {
  // The decoder drops a byte order mark and keeps a character split between chunks for the next.
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
  return dest;
}
