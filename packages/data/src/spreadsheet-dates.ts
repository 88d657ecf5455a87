// Dates as spreadsheets write them, which DuckDB's reader gets wrong or leaves as text, silently:
// - with a time: Excel's "3/15/2024 14:30" (US), "15.03.2024 14:30", "3/15/2024 2:30 PM". DuckDB
//   types only day-first ones with seconds; the rest were text, one category per row and never a
//   holdout's dates;
// - with a two-digit year: DuckDB reads "15/03/24" as 2015-03-24 and "15/03/24 08:00" as the year 15
//   (year first), where a spreadsheet means 15 March 2024.
// Such a column is read in the order its values settle (a 15 is a day), else the upload's
// dateFormat's order, else day first, as DuckDB reads dates, and the upload says so. Text columns
// are looked for in the stored file (a Parquet column read alone costs next to nothing, where a pass
// over a CSV's 1,000 text columns costs a second); stored dates in the CSV's text, only when it has some.
import type { ColumnSchema } from "@roundhouse/contracts";
import type { ColumnRereads } from "./column-rereads.ts";
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

/** Candidates are found in this many rows; a candidate is then checked over the whole file. */
const SAMPLE_ROWS = 100_000;

const DATE = String.raw`^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]`;
const TIME = String.raw`[T ]\s*\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?\s*([AaPp][Mm])?\s*$`;
/** Day and month in either order, a 2- or 4-digit year, then a time with or without seconds and AM/PM. */
const WITH_TIME = `${DATE}(\\d{4}|\\d{2})${TIME}`;
/** The same with a two-digit year, and a time or none. */
const SHORT_YEAR = `${DATE}\\d{2}(${TIME}|\\s*$)`;

/** A month by its English name or abbreviation ("Mar", "march", "MAR"). */
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
/** "15-Mar-2024", "15 March 2024", "15-MAR-24" (Oracle's), "Mar 15, 2024", with or without a time. */
const MONTH_NAME = String.raw`(?i)^\s*(\d{1,2}[-/ .]+${MONTH}[-/ .,]*|${MONTH}\s+\d{1,2},?\s+)(\d{4}|\d{2})(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$`;

type Order = "dm" | "md";

interface Reading {
  name: string;
  /** strptime formats for the value as `normalized()` writes it, tried in turn. */
  formats: string[];
  date: boolean;
  note: string;
}

/** The value with single spaces, one between date and time and before AM/PM ("3/15/2024T2:30PM" as "3/15/2024 2:30 PM"). */
const normalized = (value: string) =>
  `regexp_replace(regexp_replace(regexp_replace(trim(${value}), ${literal(String.raw`^([\d/.\-]+)[T ]\s*`)}, '\\1 '), ${literal(String.raw`\s*([AaPp][Mm])$`)}, ' \\1'), ${literal(String.raw`\s+`)}, ' ', 'g')`;

function formatsOf(order: Order, separator: string, year: "%Y" | "%y", date: boolean): string[] {
  const day = (order === "dm" ? ["%d", "%m", year] : ["%m", "%d", year]).join(separator);
  if (date) return [day];
  return ["%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p"].map((time) => `${day} ${time}`);
}

const formatList = (formats: string[]) => `[${formats.map(literal).join(", ")}]`;

/** The order a date format gives its day and month ("%m/%d/%Y": month first), or null. */
function orderOf(dateFormat: string | undefined): Order | null {
  const [d, m] = [dateFormat?.indexOf("%d") ?? -1, dateFormat?.indexOf("%m") ?? -1];
  return d < 0 || m < 0 ? null : d < m ? "dm" : "md";
}

/**
 * The columns of the stored file `stored` (its `schema`) written as spreadsheets write dates: its text
 * columns, and, given `text` (the CSV file read as text, in the same row order), its date and
 * timestamp columns. `forced` are the columns whose type the upload set, left as they are.
 */
export async function spreadsheetDates(
  c: DuckConnection,
  stored: string,
  schema: ColumnSchema[],
  text: string | undefined,
  forced: string[],
  dateFormat?: string,
): Promise<ColumnRereads> {
  const open = (types: string[]) =>
    schema.filter((s) => types.includes(s.type) && !forced.includes(s.name)).map((s) => ({ name: s.name, type: s.type }));
  // One cheap look at every text column (a time's colon or a month's name: 0.1 s on 500 text
  // columns, where each form's own pattern took 0.2 s), then the forms at the few that have one.
  const candidates = await sampled(c, stored, open(["string"]), `(?i):|${MONTH}`);
  const texts = await sampled(c, stored, candidates, WITH_TIME);
  const named = await sampled(c, stored, candidates, MONTH_NAME);
  // A date format given is DuckDB's to apply to dates ("%y/%m/%d" is someone's).
  const dates = text ? await sampled(c, text, open(dateFormat ? ["timestamp"] : ["date", "timestamp"]), SHORT_YEAR) : [];
  const readings: (Reading & { from: "stored" | "text" })[] = [];
  for (const s of texts) {
    const r = await readingOf(c, stored, s.name, false, WITH_TIME, dateFormat);
    if (r) readings.push({ ...r, from: "stored" });
  }
  for (const s of named) {
    const r = await monthNameReading(c, stored, s.name);
    if (r) readings.push({ ...r, from: "stored" });
  }
  for (const s of dates) {
    const r = await readingOf(c, text as string, s.name, s.type === "date", SHORT_YEAR, dateFormat);
    if (r) readings.push({ ...r, from: "text" });
  }
  const fromText = readings.filter((r) => r.from === "text");
  const value = (r: Reading) =>
    r.date
      ? `CAST(strptime(${normalized(r.name)}, ${formatList(r.formats)}) AS DATE)`
      : `strptime(${normalized(r.name)}, ${formatList(r.formats)})`;
  const replaced = readings.map(
    (r, i) => `${value({ ...r, name: r.from === "stored" ? `p.${ident(r.name)}` : `t.w${i}` })} AS ${ident(r.name)}`,
  );
  const join = fromText.length
    ? ` POSITIONAL JOIN (SELECT ${readings
        .map((r, i) => (r.from === "text" ? `${ident(r.name)} AS w${i}` : null))
        .filter(Boolean)
        .join(", ")} FROM ${text}) t`
    : "";
  return { columns: readings.map((r) => r.name), notes: readings.map((r) => r.note), replaced, join };
}

/** The `columns` of `from` with a value matching `pattern` in the first rows. */
async function sampled<T extends { name: string }>(c: DuckConnection, from: string, columns: T[], pattern: string): Promise<T[]> {
  if (columns.length === 0) return [];
  const tests = columns.map((s, i) => `bool_or(regexp_matches(${ident(s.name)}, ${literal(pattern)})) AS t${i}`);
  const [row] = await queryRows(
    c,
    `SELECT ${tests.join(", ")} FROM (SELECT ${columns.map((s) => ident(s.name)).join(", ")} FROM ${from} LIMIT ${SAMPLE_ROWS})`,
  );
  return columns.filter((_, i) => row?.[`t${i}`] === true);
}

/** How to read column `name` of `reader` (its values as text), with what to tell the user, or null when some value is not written so. */
async function readingOf(
  c: DuckConnection,
  reader: string,
  name: string,
  date: boolean,
  pattern: string,
  dateFormat?: string,
): Promise<Reading | null> {
  const v = ident(name);
  const from = `(SELECT ${v} FROM ${reader} WHERE ${v} IS NOT NULL)`;
  const [separator = "/"] = (await queryRows(c, `SELECT regexp_extract(${v}, '[/.\\-]') AS s FROM ${from} LIMIT 1`)).map((r) =>
    String(r.s),
  );
  const part = (n: number) => `TRY_CAST(regexp_extract(${v}, '^\\s*(\\d+)[/.\\-](\\d+)[/.\\-](\\d+)', ${n}) AS INTEGER)`;
  const yearDigits = `length(regexp_extract(${v}, '^\\s*\\d+[/.\\-]\\d+[/.\\-](\\d+)', 1))`;
  const parsed = (order: Order, y: "%Y" | "%y") =>
    `count(try_strptime(${normalized(v)}, ${formatList(formatsOf(order, separator, y, date))}))`;
  const [row] = await queryRows(
    c,
    `SELECT count(*) AS n, count(*) FILTER (WHERE regexp_matches(${v}, ${literal(pattern)})) AS written,
      count(*) FILTER (WHERE ${yearDigits} = 4) AS long, count(*) FILTER (WHERE ${yearDigits} = 2) AS short,
      ${parsed("dm", "%Y")} AS dm4, ${parsed("md", "%Y")} AS md4, ${parsed("dm", "%y")} AS dm2, ${parsed("md", "%y")} AS md2,
      coalesce(any_value(${v}) FILTER (WHERE ${part(1)} > 12 OR ${part(2)} > 12), any_value(${v})) AS example
     FROM ${from}`,
  );
  const count = (key: string) => Number(row?.[key] ?? 0);
  const n = count("n");
  if (n === 0 || count("written") !== n) return null;
  // A year of 2 digits in some rows and 4 in others is left as it is (with %Y, "24" is the year 24).
  const y = count("long") === n ? "%Y" : count("short") === n ? "%y" : null;
  if (!y) return null;
  const digits = y === "%Y" ? "4" : "2";
  const [dm, md] = [count(`dm${digits}`) === n, count(`md${digits}`) === n];
  if (!dm && !md) return null;
  const given = dm && md ? orderOf(dateFormat) : null;
  const order: Order = dm && md ? (given ?? "dm") : dm ? "dm" : "md";
  const formats = formatsOf(order, separator, y, date);
  const written = String(row?.example ?? "").trim();
  const [read] = await queryRows(
    c,
    `SELECT strftime(strptime(${normalized(literal(written))}, ${formatList(formats)}), ${literal(date ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S")}) AS t`,
  );
  const example = `"${written}" as ${String(read?.t)}`;
  const as = `${order === "dm" ? "day/month" : "month/day"}/year${y === "%y" ? " with a two-digit year" : ""}`;
  const what = date ? "dates" : "dates with times";
  if (!(dm && md) || given) return { name, formats, date, note: `Read "${name}" as ${what}, written ${as} (${example}).` };
  const other = formatsOf("md", separator, y, true)[0];
  return {
    name,
    formats,
    date,
    note:
      `Read "${name}" as ${what}. Column "${name}": every date in it reads as day/month/year and as month/day/year; ` +
      `it was read as ${as} (${example}). If the file means month/day/year, upload it again with dateFormat "${other}" ` +
      "(Dates in the upload dialog, --date-format on the CLI).",
  };
}

/** Formats of a date with its month's name, and a time or none, for a year written `year`. */
function monthNameFormats(year: "%Y" | "%y"): string[] {
  const days = ["%d-%b-", "%d-%B-", "%d %b ", "%d %B ", "%d/%b/", "%d.%b.", "%d %b, ", "%d %B, ", "%b %d, ", "%B %d, ", "%b %d ", "%B %d "];
  return days.flatMap((day) => ["", " %H:%M", " %H:%M:%S"].map((time) => `${day}${year}${time}`));
}

/** How to read column `name` of `reader`, dates with the month's name, or null when some value is not written so. */
async function monthNameReading(c: DuckConnection, reader: string, name: string): Promise<Reading | null> {
  const v = ident(name);
  const from = `(SELECT ${v} FROM ${reader} WHERE ${v} IS NOT NULL)`;
  const yearDigits = `length(regexp_extract(${v}, '(\\d+)(\\s+\\d{1,2}:\\d{2}(:\\d{2})?)?\\s*$', 1))`;
  const value = normalized(v);
  const [row] = await queryRows(
    c,
    `SELECT count(*) AS n, count(*) FILTER (WHERE regexp_matches(${v}, ${literal(MONTH_NAME)})) AS written,
      count(*) FILTER (WHERE ${yearDigits} = 4) AS long, count(*) FILTER (WHERE ${yearDigits} = 2) AS short,
      count(*) FILTER (WHERE contains(${v}, ':')) AS timed,
      count(try_strptime(${value}, ${formatList(monthNameFormats("%Y"))})) AS parsed4,
      count(try_strptime(${value}, ${formatList(monthNameFormats("%y"))})) AS parsed2,
      any_value(${v}) AS example
     FROM ${from}`,
  );
  const count = (key: string) => Number(row?.[key] ?? 0);
  const n = count("n");
  if (n === 0 || count("written") !== n) return null;
  const y = count("long") === n ? "%Y" : count("short") === n ? "%y" : null;
  if (!y || count(y === "%Y" ? "parsed4" : "parsed2") !== n) return null;
  const date = count("timed") === 0;
  const formats = monthNameFormats(y);
  const written = String(row?.example ?? "").trim();
  const [read] = await queryRows(
    c,
    `SELECT strftime(try_strptime(${normalized(literal(written))}, ${formatList(formats)}), ${literal(date ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S")}) AS t`,
  );
  return {
    name,
    formats,
    date,
    note: `Read "${name}" as ${date ? "dates" : "dates with times"}, written with the month's name ("${written}" as ${String(read?.t)}).`,
  };
}
