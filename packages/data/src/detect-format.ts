import fs from "node:fs";
import path from "node:path";
import type { FileFormat } from "@roundhouse/contracts";
import { invalid } from "./errors.ts";

const UNSUPPORTED_MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive (an Excel .xlsx workbook is one): export it as CSV"],
  // Reached only inside a .gz (ingest decompresses one layer: gzip-files.ts).
  [[0x1f, 0x8b], "gzip-compressed twice (a .gz inside a .gz): decompress it once first"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Excel/Office file: export it as CSV"],
];

/** The file's format from its first bytes (and its name's extension as a tie-breaker). */
export function detectFormat(file: string, originalName?: string, hint?: FileFormat): FileFormat {
  const size = fs.statSync(file).size;
  if (size === 0) throw invalid("file", "The file is empty.");
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(Math.min(size, 4096));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return "parquet";
  if (hint) return hint;
  for (const [magic, what] of UNSUPPORTED_MAGIC) {
    if (magic.every((b, i) => head[i] === b)) {
      throw invalid("file", `Unsupported file format: the file is ${what}. Roundhouse reads CSV, Parquet and JSON Lines.`);
    }
  }
  const ext = path.extname(originalName ?? file).toLowerCase();
  if (ext === ".parquet") throw invalid("file", "The file is named .parquet but is not a Parquet file (no PAR1 header).");
  if ([".jsonl", ".ndjson", ".json"].includes(ext)) return "jsonl";
  if (head.toString("utf8").trimStart().startsWith("{")) return "jsonl";
  if (head.includes(0)) throw invalid("file", "Unsupported file format: the file is binary, not CSV, Parquet or JSON Lines.");
  return "csv";
}

/** The delimiter of a CSV header line: the most frequent of , ; tab | outside quotes. */
export function guessDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
    ["|", 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  const [best, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [",", 0];
  return count > 0 ? best : ",";
}
