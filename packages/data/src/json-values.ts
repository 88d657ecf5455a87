// JSON Lines as APIs and exports write them: a number sent as a string ("price": "12.50"), or as a
// number in some rows and a string in others ("age": 30, then "age": "31"). DuckDB stores the first
// as text, a category per value, and the second as a JSON column no model can use (type "other"),
// both without a word. A field whose every value is a number, written either way, is read as
// numbers; one of numbers and text mixed, as text; and the upload says so. A string with a leading
// zero ("02134") is a code, not a number: such a field stays text. The strings a CSV's cells are
// missing as ("", "NA", "N/A"…) are missing here too: "income": "" is no text among numbers.
import { type ColumnSchema, DEFAULT_NULL_VALUES } from "@roundhouse/contracts";
import { type ColumnRereads, NO_REREADS } from "./column-rereads.ts";
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

const NUMBER = String.raw`^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$`;
const INTEGER = String.raw`^\s*[-+]?\d{1,18}\s*$`;
const LEADING_ZERO = String.raw`^\s*[-+]?0\d`;
const SCALARS = "('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN')";

/** A value that means missing, as in a CSV file. */
const missing = (v: string) => `coalesce(trim(${v}) IN (${DEFAULT_NULL_VALUES.map(literal).join(", ")}), false)`;

interface Field {
  name: string;
  /** Stored as DuckDB's JSON type (numbers and text mixed), or as text. */
  json: boolean;
}

/** The fields of a JSON Lines file's stored `schema` (read by `stored`) to read again as numbers or as text. */
export async function jsonValues(c: DuckConnection, stored: string, schema: ColumnSchema[]): Promise<ColumnRereads> {
  const fields: Field[] = schema
    .filter((s) => s.type === "string" || s.storageType === "JSON")
    .map((s) => ({ name: s.name, json: s.storageType === "JSON" }));
  if (fields.length === 0) return NO_REREADS;
  // The value as text: a JSON column's scalar without its quotes.
  const textOf = (f: Field) => (f.json ? `json_extract_string(${ident(f.name)}, '$')` : ident(f.name));
  const count = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const parts = fields.flatMap((f, i) => {
    const v = textOf(f);
    return [
      `${count(`${v} IS NOT NULL AND NOT ${missing(v)}`)} AS n${i}`,
      `${count(missing(v))} AS missing${i}`,
      `min(CASE WHEN ${missing(v)} THEN ${v} END) AS marker${i}`,
      `${count(`regexp_matches(${v}, ${literal(NUMBER)}) AND NOT regexp_matches(${v}, ${literal(LEADING_ZERO)})`)} AS num${i}`,
      `${count(`regexp_matches(${v}, ${literal(INTEGER)})`)} AS int${i}`,
      f.json ? `${count(`json_type(${ident(f.name)}) IN ${SCALARS} AND NOT ${missing(v)}`)} AS scalar${i}` : `0 AS scalar${i}`,
      `min(CASE WHEN json_type(to_json(${ident(f.name)})) = 'VARCHAR' AND NOT ${missing(v)} THEN ${v} END) AS example${i}`,
    ];
  });
  const [row] = await queryRows(c, `SELECT ${parts.join(", ")} FROM ${stored}`);
  const at = (key: string, i: number) => Number(row?.[`${key}${i}`] ?? 0);
  const notes: string[] = [];
  const replaced: string[] = [];
  const columns: string[] = [];
  fields.forEach((f, i) => {
    const n = at("n", i);
    if (n === 0) return;
    const example = row?.[`example${i}`] === null || row?.[`example${i}`] === undefined ? "" : String(row[`example${i}`]);
    const value = `p.${ident(f.name)}`;
    const text = f.json ? `json_extract_string(${value}, '$')` : value;
    const orMissing = (expression: string) => `CASE WHEN ${missing(text)} THEN NULL ELSE ${expression} END AS ${ident(f.name)}`;
    const markers = at("missing", i) > 0 ? `, and ${at("missing", i)} value(s) written "${row?.[`marker${i}`]}" as missing` : "";
    if (at("num", i) === n) {
      const type = at("int", i) === n ? "BIGINT" : "DOUBLE";
      replaced.push(orMissing(`CAST(${text} AS ${type})`));
      const how = !example
        ? "its values are numbers"
        : f.json
          ? `its values are numbers in some rows and strings in others ("${example}")`
          : `every value is a number written as a string ("${example}")`;
      notes.push(`Read "${f.name}" as numbers: ${how}${markers}.`);
    } else if (f.json && at("scalar", i) === n) {
      replaced.push(orMissing(text));
      notes.push(
        `Read "${f.name}" as text: its values are numbers or true/false in some rows and text in others ("${example}")${markers}.`,
      );
    } else return;
    columns.push(f.name);
  });
  return { columns, notes, replaced, join: "" };
}
