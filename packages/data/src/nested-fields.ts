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
    const fields = isObject(col.type) ? leaves(ident(col.name), col.name, col.type, 1) : [];
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

const isObject = (type: string) => type.startsWith("STRUCT(") && type.endsWith(")");

/** Objects deeper than this stay whole: a hostile file's nesting costs nothing more. */
const MAX_DEPTH = 8;

async function describe(c: DuckConnection, select: string) {
  return (await queryRows(c, `DESCRIBE ${select}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/**
 * The fields under an object, depth first: each non-object field's SQL and dotted name. Read from
 * the type's text, not by asking DuckDB again: each DESCRIBE of a JSON Lines reading reads the
 * whole file to infer its types.
 */
function leaves(expr: string, path: string, type: string, depth: number): { expr: string; name: string }[] {
  return structFields(type).flatMap((field) => {
    const inner = `struct_extract(${expr}, ${literal(field.name)})`;
    const name = `${path}.${field.name}`;
    return isObject(field.type) && depth < MAX_DEPTH ? leaves(inner, name, field.type, depth + 1) : [{ expr: inner, name }];
  });
}

/**
 * The fields of a DuckDB STRUCT type as DuckDB writes it: STRUCT(age BIGINT, "first name" VARCHAR,
 * n STRUCT(d DOUBLE), m BIGINT[]). A name is bare or in double quotes ("" for a quote); its type runs
 * to the next comma outside parentheses, brackets and quoted names.
 */
export function structFields(type: string): { name: string; type: string }[] {
  const body = type.slice("STRUCT(".length, -1);
  const fields: { name: string; type: string }[] = [];
  let i = 0;
  /** Moves i past the quoted name at i; returns the name. */
  const quoted = () => {
    let name = "";
    for (i++; i < body.length; i++) {
      if (body[i] === '"' && body[i + 1] === '"') {
        name += '"';
        i++;
      } else if (body[i] === '"') {
        i++;
        return name;
      } else name += body[i];
    }
    return name;
  };
  while (i < body.length) {
    let name = "";
    if (body[i] === '"') name = quoted();
    else while (i < body.length && body[i] !== " ") name += body[i++];
    const start = ++i;
    for (let depth = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch === '"') {
        quoted();
        i--;
      } else if (ch === "(" || ch === "[") depth++;
      else if (ch === ")" || ch === "]") depth--;
      else if (ch === "," && depth === 0) break;
    }
    fields.push({ name, type: body.slice(start, i).trim() });
    i += 2;
  }
  return fields;
}
