// What an upload will look like before anything is stored: the columns with the types they would
// get and the first rows, read from the start of the file with the same options as the upload. The
// dialog shows it so the user can fix the delimiter, null markers or a column's type first.
import fs from "node:fs";
import type { CsvOptions, FileFormat, FilePreview } from "@roundhouse/contracts";
import { rereadSelect } from "./column-rereads.ts";
import { toColumnSchema } from "./column-types.ts";
import { detectFormat } from "./detect-format.ts";
import { queryRows, withConnection } from "./duckdb.ts";
import { explainReadError, invalid } from "./errors.ts";
import { withoutGz, withPlainText } from "./gzip-files.ts";
import { columnRereads, readerFor, removeReaderFiles } from "./ingest.ts";
import { repeatedHeaderRows } from "./repeated-headers.ts";

const PREVIEW_ROWS = 10;

interface PreviewOptions {
  originalName?: string;
  format?: FileFormat;
  csv?: CsvOptions;
  /** The whole file was sent (not only its start). */
  complete?: boolean;
}

/**
 * `file` holds the first bytes of the uploaded file (the dialog sends at most 256 KiB); a text file's last,
 * probably cut, line is dropped. Types are inferred from the sample only, so they may differ from the
 * full file's where a column changes further down; the upload reads the whole file.
 */
export async function previewFile(file: string, opts: PreviewOptions): Promise<FilePreview> {
  // A gzip file's start decompresses to far more than the dialog sends (a 256 KiB bomb to 256 MB):
  // its first 8 MiB are plenty, whole file or not.
  return withPlainText(file, file, { limitBytes: PREVIEW_TEXT_BYTES, partial: true, encoding: opts.csv?.encoding }, (text, cut) =>
    previewUtf8(text.path, { ...opts, originalName: withoutGz(opts.originalName), complete: opts.complete && !cut }),
  );
}

const PREVIEW_TEXT_BYTES = 8 * 1024 * 1024;

async function previewUtf8(file: string, opts: PreviewOptions) {
  const format = detectFormat(file, opts.originalName, opts.format);
  if (format === "parquet" && !opts.complete)
    throw invalid("file", "A Parquet file's schema is at its end: it is read whole on upload, with no preview.");
  if (format !== "parquet" && !opts.complete) trimToLastLine(file);
  const what = opts.originalName ? `file "${opts.originalName}"` : "file";
  return withConnection(async (c): Promise<FilePreview> => {
    // Read as the upload reads a file with values padded by spaces (padded-values.ts); a file
    // without them reads the same either way, and the copy of a preview's start costs little.
    // And without the rows that repeat its header (repeated-headers.ts).
    let read = await readerFor(c, file, format, opts.csv ?? {}, what, { unpadded: true });
    if (format === "csv" && (opts.csv?.header ?? true) && (await repeatedHeaderRows(c, read.sql).catch(() => 0)) > 0) {
      removeReaderFiles(read);
      read = await readerFor(c, file, format, opts.csv ?? {}, what, { unpadded: true, withoutHeaderRows: true });
    }
    try {
      // Columns read again as the upload reads them again (columnRereads).
      const schema = toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM ${read.sql}`));
      const reread = rereadSelect(read.sql, await columnRereads(c, read.sql, schema, format, read.text, opts.csv ?? {}));
      const reader = reread ? `(${reread})` : read.sql;
      const columns = toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM ${reader}`)).map((s) => ({ name: s.name, type: s.type }));
      // DuckDB's own text of each value, as the stored rows' preview shows it: a timestamp as
      // "2022-06-23 04:43:00" (a JavaScript Date's text was "Thu Jun 23 2022 04:43:00 GMT+0000 ...").
      const first = await c.runAndReadAll(`SELECT * FROM ${reader} LIMIT ${PREVIEW_ROWS}`);
      const rows = (first.getRowObjectsJson() as Record<string, unknown>[]).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)])),
      );
      return { format, columns, rows };
    } catch (err) {
      throw explainReadError(err, what);
    } finally {
      removeReaderFiles(read);
    }
  });
}

function trimToLastLine(file: string) {
  const bytes = fs.readFileSync(file);
  const end = bytes.lastIndexOf(0x0a);
  if (end > 0 && end < bytes.length - 1) fs.truncateSync(file, end + 1);
}
