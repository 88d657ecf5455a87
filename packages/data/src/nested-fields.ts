// JSON Lines from an API or an event log nest their fields ({"user": {"age": 30, "plan": "pro"}}),
// and so may Parquet files. Stored as they are, "user" was one column of whole objects: no model
// could use a field of it, and as a category it was one value per distinct object. Nested objects
// become a column per field, named by its path ("user.age", "user.plan"), as pandas' json_normalize
// names them; serving finds the same fields in a nested request (packages/serving feature-row.ts).
// Lists stay as they are.
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

export interface Flattened {
  /** `reader` with each object column replaced, in its place, by its fields' columns. */
  sql: string;
  notes: string[];
}

export async function flattenNested(c: DuckConnection, reader: string): Promise<Flattened> {
  const columns = await describe(c, `SELECT * FROM ${reader}`);
  if (!columns.some((col) => isObject(col.type))) return { sql: reader, notes: [] };
  const names = new Set(columns.map((col) => col.name));
  const selected: string[] = [];
  const flattened: { name: string; fields: string[] }[] = [];
  for (const col of columns) {
    const fields = isObject(col.type) ? await leaves(c, reader, ident(col.name), col.name) : [];
    // A field's name already taken by a column of the file keeps the object whole.
    if (fields.length === 0 || fields.some((f) => names.has(f.name))) {
      selected.push(ident(col.name));
      continue;
    }
    selected.push(...fields.map((f) => `${f.expr} AS ${ident(f.name)}`));
    flattened.push({ name: col.name, fields: fields.map((f) => f.name) });
  }
  return {
    sql: `(SELECT ${selected.join(", ")} FROM ${reader})`,
    notes: flattened.map((f) => {
      const shown = f.fields.slice(0, 5).map((n) => `"${n}"`);
      const more = f.fields.length > 5 ? ` and ${f.fields.length - 5} more` : "";
      return `Read the nested fields of "${f.name}" as columns of their own: ${shown.join(", ")}${more}.`;
    }),
  };
}

const isObject = (type: string) => type.startsWith("STRUCT(");

async function describe(c: DuckConnection, select: string) {
  return (await queryRows(c, `DESCRIBE ${select}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** The fields under an object, depth first: each non-object field's SQL and dotted name. */
async function leaves(c: DuckConnection, reader: string, expr: string, path: string): Promise<{ expr: string; name: string }[]> {
  const fields = await describe(c, `SELECT unnest(${expr}) FROM ${reader}`);
  const out: { expr: string; name: string }[] = [];
  for (const field of fields) {
    const inner = `struct_extract(${expr}, ${literal(field.name)})`;
    const name = `${path}.${field.name}`;
    if (isObject(field.type)) out.push(...(await leaves(c, reader, inner, name)));
    else out.push({ expr: inner, name });
  }
  return out;
}
