// Turns an uploaded or registered file into the Parquet file of a dataset version, refusing what
// would make a bad dataset (empty, ragged, duplicate or empty column names, not UTF-8) with an
// error that says where, and warning about what it read but may not be what the user meant.
import fs from "node:fs";
import { type ColumnSchema, type CsvOptions, DEFAULT_NULL_VALUES, type FileFormat, Invalid } from "@roundhouse/contracts";
import { ambiguousDates } from "./ambiguous-dates.ts";
import { type ColumnRereads, rereadSelect } from "./column-rereads.ts";
import { STORAGE_TYPE, toColumnSchema } from "./column-types.ts";
import { csvStart, emptyLastColumn, pandasIndex, pandasIndexNote, trailingNote } from "./csv-layout.ts";
import { decimalMarkOf } from "./decimal-mark.ts";
import { detectFormat } from "./detect-format.ts";
import { type DuckConnection, ident, literal, queryRows, withConnection } from "./duckdb.ts";
import { copiedRows } from "./duplicate-rows.ts";
import { explainReadError, invalid } from "./errors.ts";
import { withFormattedNumbers } from "./formatted-numbers.ts";
import { withoutGz, withPlainText } from "./gzip-files.ts";
import { infiniteValues } from "./infinite-values.ts";
import { jsonValues } from "./json-values.ts";
import { lookAlikeValues } from "./look-alike-values.ts";
import { flattenNested } from "./nested-fields.ts";
import { NO_NULLS, type PaddedColumn, paddedColumns, paddingNote, writeUnpadded } from "./padded-values.ts";
import { isHeader, repeatedHeaderNote, repeatedHeaderRows } from "./repeated-headers.ts";
import { spreadsheetDates } from "./spreadsheet-dates.ts";
import { tempPath } from "./temp-files.ts";
import { maxUploadBytes } from "./upload.ts";

export interface IngestFileOptions {
  /** The name the user gave the file (for its extension and for messages). */
  originalName?: string;
  format?: FileFormat;
  csv?: CsvOptions;
}

export interface ConvertedFile {
  format: FileFormat;
  schema: ColumnSchema[];
  rowCount: number;
  warnings: string[];
}

/** Reads `source` and writes it to `dest` as Parquet; throws Invalid for bad input. */
export async function convertToParquet(source: string, dest: string, opts: IngestFileOptions = {}): Promise<ConvertedFile> {
  return withPlainText(source, dest, { limitBytes: maxUploadBytes(), encoding: opts.csv?.encoding }, async (text) => {
    const converted = await convertUtf8(text.path, dest, { ...opts, originalName: withoutGz(opts.originalName) });
    return { ...converted, warnings: [...text.notes, ...converted.warnings] };
  });
}

async function convertUtf8(source: string, dest: string, opts: IngestFileOptions): Promise<ConvertedFile> {
  const format = detectFormat(source, opts.originalName, opts.format);
  const what = opts.originalName ? `file "${opts.originalName}"` : "file";
  return withConnection(async (c) => {
    const csv = opts.csv ?? {};
    let reader = await readerFor(c, source, format, csv, what);
    try {
      // A CSV file with text values padded by spaces is read again without them (padded-values.ts):
      // found in the stored text columns (cheap), or, when the file could not be read as asked (a
      // forced float column with " " in it), in the values as written.
      // So is one with its header repeated inside (repeated-headers.ts).
      let zoned: string[] = [];
      let padded: PaddedColumn[] = [];
      let headerRows = 0;
      let failed: Invalid | null = null;
      try {
        zoned = await store(c, reader.sql, source, dest, what);
        if (format === "csv") padded = await paddedColumns(c, `read_parquet(${literal(dest)})`);
        if (format === "csv" && (csv.header ?? true)) headerRows = await repeatedHeaderRows(c, `read_parquet(${literal(dest)})`);
      } catch (err) {
        if (format !== "csv" || !(err instanceof Invalid) || !reader.text) throw err;
        padded = await paddedColumns(c, reader.text);
        if (padded.length === 0) throw err;
        failed = err;
      }
      if (padded.length > 0 || headerRows > 0) {
        removeReaderFiles(reader);
        reader = await readerFor(c, source, format, csv, what, { unpadded: true, withoutHeaderRows: headerRows > 0 });
        // Still unreadable: the error that names the value as the file has it.
        zoned = await store(c, reader.sql, source, dest, what).catch((err) => Promise.reject(failed ?? err));
      }
      const reread = await rereadColumns(c, dest, format, reader.text, csv);
      const [{ n }] = (await queryRows(c, `SELECT count(*)::BIGINT AS n FROM read_parquet(${literal(dest)})`)) as [{ n: bigint }];
      if (Number(n) === 0) throw invalid("file", `The ${what} has column names but no rows.`);
      // Read back from the Parquet file: the stored schema is what training will see.
      const schema = toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${literal(dest)})`));
      const warnings = [
        ...(headerRows > 0 ? [repeatedHeaderNote(headerRows)] : []),
        ...(padded.length > 0 ? [paddingNote(padded)] : []),
        ...reader.notes,
        ...(format === "parquet" ? [] : zoned.filter((name) => !reread.columns.includes(name)).map(utcNote)),
        ...reread.notes,
        ...(await mostlyNumericText(c, dest, schema)),
        ...(await lookAlikeValues(c, dest, schema)),
        ...(reader.text ? await ambiguousDates(c, reader.text, dest, schema, opts.csv?.dateFormat, reread.columns) : []),
        ...(await copiedRows(c, dest)),
      ];
      return { format, schema, rowCount: Number(n), warnings };
    } finally {
      removeReaderFiles(reader);
    }
  });
}

/**
 * What each step reads again of the columns DuckDB's reader got wrong (`stored` reads them, with its
 * `schema`): dates as spreadsheets write them ("3/15/2024 14:30", "15/03/24"; spreadsheet-dates.ts),
 * numbers with pandas' infinities (infinite-values.ts) and a JSON file's numbers written as strings
 * (json-values.ts). The upload and its dialog's preview alike.
 */
export async function columnRereads(
  c: DuckConnection,
  stored: string,
  schema: ColumnSchema[],
  format: FileFormat,
  text: string | undefined,
  csv: CsvOptions,
): Promise<ColumnRereads[]> {
  const forced = Object.keys(csv.types ?? {});
  // Each step takes other columns: numbers written as strings are neither dates nor infinite.
  return [
    ...(format === "jsonl" ? [await jsonValues(c, stored, schema)] : []),
    await spreadsheetDates(c, stored, schema, text, forced, csv.dateFormat),
    await infiniteValues(c, stored, schema, forced),
  ];
}

/** The stored file `dest` with columnRereads' columns read again: rewritten once when there are any; what was read again, and the notes. */
async function rereadColumns(c: DuckConnection, dest: string, format: FileFormat, text: string | undefined, csv: CsvOptions) {
  const stored = `read_parquet(${literal(dest)})`;
  const schema = toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM ${stored}`));
  const steps = await columnRereads(c, stored, schema, format, text, csv);
  const select = rereadSelect(stored, steps);
  if (select) {
    const rewritten = `${dest}.reread`;
    try {
      await c.run(`COPY (${select}) TO ${literal(rewritten)} (FORMAT parquet, COMPRESSION zstd)`);
      fs.renameSync(rewritten, dest);
    } finally {
      fs.rmSync(rewritten, { force: true });
    }
  }
  return { columns: steps.flatMap((s) => s.columns), notes: steps.flatMap((s) => s.notes) };
}

/** Writes what `reader` reads to `dest` as Parquet (a Parquet source as it is); the columns it stored in UTC. */
async function store(c: DuckConnection, reader: string, source: string, dest: string, what: string): Promise<string[]> {
  try {
    const schema = toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM ${reader}`));
    assertColumnCount(schema.length, what);
    const zoned = schema.filter((s) => s.storageType === ZONED).map((s) => s.name);
    // A Parquet file read as it is is stored as it is (its bytes, its types).
    if (reader === `read_parquet(${literal(source)})`) fs.copyFileSync(source, dest);
    else await c.run(`COPY (${inUtc(reader, zoned)}) TO ${literal(dest)} (FORMAT parquet, COMPRESSION zstd)`);
    checkColumnNames(schema.map((s) => s.name));
    return zoned;
  } catch (err) {
    if (err instanceof Invalid) throw err;
    throw explainReadError(err, what);
  }
}

const ZONED = "TIMESTAMP WITH TIME ZONE";

/**
 * Timestamps written with a time zone ("2024-03-15T10:00:00Z", "… 10:00:00+02") are stored as UTC
 * timestamps: training takes a timestamp as UTC milliseconds, and DuckDB would otherwise turn a
 * zoned one into the local time of whichever machine reads it.
 */
function inUtc(reader: string, zoned: string[]): string {
  if (zoned.length === 0) return `SELECT * FROM ${reader}`;
  return `SELECT * REPLACE (${zoned.map((name) => `timezone('UTC', ${ident(name)}) AS ${ident(name)}`).join(", ")}) FROM ${reader}`;
}

const utcNote = (name: string) =>
  `Read "${name}" as timestamps with time zones and stored them in UTC ("2024-03-15 10:00:00+02" as 2024-03-15 08:00:00).`;

export interface FileReader {
  /** The DuckDB table function that reads the file. */
  sql: string;
  /** What reading it decided that the user should be told (a decimal comma taken). */
  notes: string[];
  /** A CSV file's values as text, as written (for checks of what the typed reading made of them). */
  text?: string;
  /** Files the reading reads until the caller is done with it, then removes (removeReaderFiles). */
  files: string[];
}

/** How a CSV file is read when the first reading would store it wrong. */
export interface CsvFixes {
  /** From a copy whose values have no spaces around them (padded-values.ts). */
  unpadded?: boolean;
  /** Without the rows that repeat its header (repeated-headers.ts); from the same copy. */
  withoutHeaderRows?: boolean;
}

/** How to read `source` as the upload's options say (`c` looks at a CSV file first), with `fixes` for a CSV file. */
export async function readerFor(
  c: DuckConnection,
  source: string,
  format: FileFormat,
  csv: CsvOptions,
  what: string,
  fixes: CsvFixes = {},
): Promise<FileReader> {
  if (format === "csv") return csvReader(c, source, csv, what, fixes);
  const read =
    format === "parquet"
      ? await parquetReader(c, source)
      : { sql: `read_json(${literal(source)}, format='auto', sample_size=-1)`, notes: [] };
  // Nested objects as a column per field (nested-fields.ts).
  const flat = await flattenNested(c, read.sql).catch((err) => Promise.reject(explainReadError(err, what)));
  return { sql: flat.sql, notes: [...read.notes, ...flat.notes], files: [] };
}

/**
 * pandas' to_parquet stores a frame's index as a column "__index_level_0__" (unless it is 0, 1, 2…):
 * row labels, not data, and an ID-like feature beside the real ones. Such columns are left out, and
 * said so; a file without them is stored as it is.
 */
async function parquetReader(c: DuckConnection, source: string): Promise<{ sql: string; notes: string[] }> {
  const read = `read_parquet(${literal(source)})`;
  const index = (await queryRows(c, `DESCRIBE SELECT * FROM ${read}`))
    .map((r) => String(r.column_name))
    .filter((name) => /^__index_level_\d+__$/.test(name));
  if (index.length === 0) return { sql: read, notes: [] };
  return {
    sql: `(SELECT * EXCLUDE (${index.map(ident).join(", ")}) FROM ${read})`,
    notes: [
      `Left out ${index.map((n) => `"${n}"`).join(", ")}: the index pandas stores with a frame (to_parquet), row labels rather than data.`,
    ],
  };
}

export const removeReaderFiles = (reader: FileReader) => {
  for (const file of reader.files) fs.rmSync(file, { force: true });
};

async function csvReader(c: DuckConnection, source: string, csv: CsvOptions, what: string, fixes: CsvFixes): Promise<FileReader> {
  const header = csv.header ?? true;
  // Give DuckDB the delimiter: when its sniffer cannot make rows agree it silently reads the whole
  // line as one column, which hides ragged rows instead of reporting them.
  const { skip, headerLine, delimiter } = csvStart(source, csv.delimiter);
  const quote = csv.quote ?? '"';
  const given = `${literal(source)}, delim=${literal(delimiter)}, quote=${literal(quote)}, strict_mode=true, null_padding=false${skip ? `, skip=${skip}` : ""}`;
  const base = `${given}${await escapeOf(c, source, given, quote)}`;
  let names = splitCsvLine(headerLine, delimiter, quote);
  assertColumnCount(names.length, what);
  await assertRowsAgree(c, base, names.length, what);
  const nulls = (csv.nullValues ?? DEFAULT_NULL_VALUES).map(literal).join(", ");
  const textAsIs = `read_csv(${base}, header=${header}, all_varchar=true, nullstr=[${nulls}])`;
  // Looking at the values reads the file: a bad byte or row is reported as the upload reports it.
  const looked = <T>(look: Promise<T>) => look.catch((err) => Promise.reject(err instanceof Invalid ? err : explainReadError(err, what)));
  const trailing = header ? await looked(emptyLastColumn(c, textAsIs, names)) : null;
  const notes = trailing ? [trailingNote(names)] : [];
  if (trailing) names = names.slice(0, -1);
  const index = header ? await looked(pandasIndex(c, textAsIs, names)) : null;
  if (index) notes.push(pandasIndexNote);
  if (index) names = names.slice(1);
  const leftOut = [trailing, index].filter((name) => name !== null);
  const kept = (reader: string) => (leftOut.length ? `(SELECT * EXCLUDE (${leftOut.map(ident).join(", ")}) FROM ${reader})` : reader);
  if (header) {
    checkColumnNames(names);
    for (const column of Object.keys(csv.types ?? {})) {
      if (!names.includes(column))
        throw invalid(`csv.types.${column}`, `There is no column "${column}" to set a type for; the columns are ${names.join(", ")}.`);
    }
  }
  if (fixes.unpadded || fixes.withoutHeaderRows) {
    // The copy has the header (or not) on its first line, no empty last column and '"' quotes; a
    // delimiter of two characters becomes a tab (DuckDB writes only the first one), so a comma
    // stays a comma and any other still has the decimal mark looked for.
    const copy = tempPath(".csv");
    const copyDelimiter = delimiter.length === 1 ? delimiter : "\t";
    try {
      const written = kept(`read_csv(${base}, header=${header}, all_varchar=true, nullstr=${literal(NO_NULLS)})`);
      const asWritten = fixes.withoutHeaderRows ? `(SELECT * FROM ${written} WHERE NOT ${isHeader(names)})` : written;
      await looked(writeUnpadded(c, asWritten, copy, header, copyDelimiter));
      const read = await csvReader(c, copy, { ...csv, delimiter: copyDelimiter, quote: '"' }, what, {});
      return { ...read, notes: [...notes, ...read.notes], files: [copy, ...read.files] };
    } catch (err) {
      fs.rmSync(copy, { force: true });
      throw err;
    }
  }
  const types = Object.entries(csv.types ?? {}).map(([name, type]) => `${literal(name)}: ${literal(STORAGE_TYPE[type])}`);
  const text = kept(textAsIs);
  const decimal = await looked(decimalMarkOf(c, text, delimiter, csv.decimal));
  const separator = decimal.mark === "," ? ", decimal_separator=','" : "";
  if (csv.dateFormat) await assertDateFormat(c, csv.dateFormat);
  const dates = csv.dateFormat ? `, dateformat=${literal(csv.dateFormat)}` : "";
  // No BOOLEAN among the guessed types: "Yes"/"No" or "true"/"false" stay the file's own words (a
  // label keeps its values; serving accepts what the user has). A forced type still may be boolean.
  const typed = kept(
    `read_csv(${base}, header=${header}, sample_size=-1, nullstr=[${nulls}]${separator}${dates}, auto_type_candidates=${AUTO_TYPES}${types.length ? `, types={${types.join(", ")}}` : ""})`,
  );
  // "$1,711.92", "4%" and "(2,000.00)" as numbers; "1.234,50 €" in a decimal-comma file.
  const numbers = await looked(withFormattedNumbers(c, typed, text, Object.keys(csv.types ?? {}), decimal.mark, decimal.amountColumns));
  return { sql: numbers.sql, notes: [...notes, ...decimal.notes, ...numbers.notes], text, files: [] };
}

// TIMESTAMPTZ: without it a timestamp written with a zone ("…T10:00:00Z") was text, one category per row.
const AUTO_TYPES = "['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'VARCHAR']";

/**
 * The escape option to give DuckDB: none (its sniffer's), unless the sniffer took "'" for the
 * escape, as it does in a file of Swiss amounts ("1'234.50"): the text reading then dropped the
 * apostrophe ("1234.50") and the typed one kept it, which failed the upload with "not a valid
 * double" for a type nobody asked for. The quote then escapes itself, as CSV writes it ("").
 */
async function escapeOf(c: DuckConnection, source: string, given: string, quote: string): Promise<string> {
  // The sniff costs as much as a read of a wide file's rows (1.5 s for 1,000 columns): only when an
  // apostrophe is in the rows it looks at.
  if (quote === "'" || !hasApostrophe(source)) return "";
  const [sniffed] = await queryRows(c, `SELECT Escape AS escape FROM sniff_csv(${given})`).catch(() => []);
  return sniffed?.escape === "'" ? `, escape=${literal(quote)}` : "";
}

/** Whether the file's first 8 MiB (more than DuckDB's sniffer reads of most files) have an apostrophe. */
function hasApostrophe(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(Math.min(fs.fstatSync(fd).size, 8 * 1024 * 1024));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0x27);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every row must have as many values as the header. Checked with type detection off, so DuckDB
 * reports the first ragged row by line number (its type sniffer otherwise fails with no line).
 * Only the rows are counted: a value read this way from a file with invalid UTF-8 in it (count of
 * a column) raised an internal error in DuckDB 1.5 that left the process's database unusable.
 */
async function assertRowsAgree(c: DuckConnection, base: string, width: number, what: string) {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  try {
    await c.run(`SELECT count(*) FROM read_csv(${base}, header=false, auto_detect=false, columns={${columns}})`);
  } catch (err) {
    throw explainReadError(err, what);
  }
}

/** The upload's dateFormat, refused by name when DuckDB cannot use it ("%Q" is no strftime specifier). */
async function assertDateFormat(c: DuckConnection, format: string) {
  try {
    await c.run(`SELECT strftime(DATE '2024-03-04', ${literal(format)})`);
  } catch (err) {
    const reason = ((err as Error).message.split("\n")[0] ?? "").replace(/^.*?Error: /, "");
    throw invalid("csv.dateFormat", `"${format}" is not a date format DuckDB can read with: ${reason}`);
  }
}

/** Splits one CSV line on the delimiter, honouring quotes ("a,b" stays one field; "" is a quote). */
export function splitCsvLine(line: string, delimiter: string, quote = '"'): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === quote && line[i + 1] === quote) {
        field += quote;
        i++;
      } else if (ch === quote) quoted = false;
      else field += ch;
    } else if (ch === quote) quoted = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = "";
      i += delimiter.length - 1;
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * At most ROUNDHOUSE_MAX_COLUMNS columns (2,000 by default): checked from the header before any
 * work, since every step costs per column (a 77 KB file of 5,000 columns once took minutes).
 */
export function maxColumns(env = process.env): number {
  return Number(env.ROUNDHOUSE_MAX_COLUMNS ?? 2000);
}

function assertColumnCount(count: number, what: string) {
  const max = maxColumns();
  if (count > max) {
    throw invalid(
      "file",
      `The ${what} has ${count.toLocaleString("en")} columns; at most ${max.toLocaleString("en")} are allowed (ROUNDHOUSE_MAX_COLUMNS).`,
    );
  }
}

function checkColumnNames(names: string[]) {
  const empty = names.findIndex((n) => n.trim() === "");
  // A first column without a name is how pandas writes a frame's index (one of labels, here).
  const pandas = empty === 0 ? " (pandas writes its index so: save the file with to_csv(..., index=False))" : "";
  if (empty >= 0) throw invalid("file", `Column ${empty + 1} has no name; every column needs a name in the header${pandas}.`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase()))
      throw invalid("file", `The column name "${name}" appears more than once; column names must be unique.`);
    seen.add(name.toLowerCase());
  }
}

/**
 * Text columns that are numbers but for a few values: probably a typo the user wants to know of.
 * A CASE, not a FILTER clause, picks the example: 500 text columns took 12.6 s with FILTER, 0.5 s so.
 */
async function mostlyNumericText(c: DuckConnection, file: string, schema: ColumnSchema[]): Promise<string[]> {
  const text = schema.filter((s) => s.type === "string");
  if (text.length === 0) return [];
  const parts = text.flatMap((s, i) => [
    `count(${ident(s.name)}) AS n${i}`,
    `count(TRY_CAST(${ident(s.name)} AS DOUBLE)) AS num${i}`,
    `min(CASE WHEN TRY_CAST(${ident(s.name)} AS DOUBLE) IS NULL THEN ${ident(s.name)} END) AS bad${i}`,
  ]);
  const [row] = await queryRows(c, `SELECT ${parts.join(", ")} FROM read_parquet(${literal(file)})`);
  const warnings: string[] = [];
  text.forEach((s, i) => {
    const n = Number(row?.[`n${i}`] ?? 0);
    const num = Number(row?.[`num${i}`] ?? 0);
    const odd = n - num;
    if (odd > 0 && num > odd && odd <= Math.max(3, n * 0.05)) {
      warnings.push(
        `Column "${s.name}" holds numbers except for ${odd} value(s) such as "${row?.[`bad${i}`]}", so it was read as text. ` +
          `Fix those values, or upload again with types {"${s.name}": "float"} to have them reported.`,
      );
    }
  });
  return warnings;
}
