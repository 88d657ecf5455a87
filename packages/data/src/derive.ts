// Derived datasets: join, filter and select over exact parent versions, written as SQL with every
// identifier quoted and every user value bound as a parameter (never spliced into the text).
import type { ColumnSchema, DeriveDefinition, Predicate } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { ident, literal } from "./duckdb.ts";
import { invalid } from "./errors.ts";

export interface ParentVersion {
  id: string;
  datasetName: string;
  path: string;
  schema: ColumnSchema[];
}

export interface DeriveQuery {
  sql: string;
  params: unknown[];
  /** Output column name → its source column, for callers that need types. */
  columns: { name: string; source: ColumnSchema }[];
}

interface OutputColumn {
  name: string;
  expr: string;
  source: ColumnSchema;
}

export function buildDeriveQuery(def: DeriveDefinition, parents: Map<string, ParentVersion>): DeriveQuery {
  const parent = (id: string, path: string) => {
    const p = parents.get(id);
    if (!p) throw invalid(path, `Dataset version ${id} does not exist.`);
    return p;
  };
  const base = parent(def.base, "definition.base");
  const output: OutputColumn[] = base.schema.map((s) => ({ name: s.name, expr: `t0.${ident(s.name)}`, source: s }));
  const from: string[] = [`read_parquet(${literal(base.path)}) AS t0`];

  def.joins.forEach((join, j) => {
    const right = parent(join.versionId, `definition.joins.${j}.versionId`);
    const alias = `t${j + 1}`;
    const conditions = join.on.map((pair, k) => {
      const left = output.find((o) => o.name === pair.left);
      if (!left) throw invalid(`definition.joins.${j}.on.${k}.left`, `There is no column "${pair.left}" on the left side of the join.`);
      const rightColumn = right.schema.find((s) => s.name === pair.right);
      if (!rightColumn) throw invalid(`definition.joins.${j}.on.${k}.right`, `Dataset ${right.datasetName} has no column "${pair.right}".`);
      if (!joinable(left.source, rightColumn)) {
        throw invalid(
          `definition.joins.${j}.on.${k}`,
          `Cannot join "${pair.left}" (${left.source.type}) to "${pair.right}" (${rightColumn.type}): the key types differ.`,
        );
      }
      return `${left.expr} = ${alias}.${ident(pair.right)}`;
    });
    from.push(
      `${join.type === "left" ? "LEFT JOIN" : "JOIN"} read_parquet(${literal(right.path)}) AS ${alias} ON ${conditions.join(" AND ")}`,
    );
    const prefix = right.datasetName.replace(/[^A-Za-z0-9]+/g, "_");
    for (const s of right.schema) {
      let name = s.name;
      // Name clashes get the joined dataset's name as a prefix, then a number if still taken.
      if (output.some((o) => o.name === name)) name = `${prefix}_${s.name}`;
      for (let n = 2; output.some((o) => o.name === name); n++) name = `${prefix}_${s.name}_${n}`;
      output.push({ name, expr: `${alias}.${ident(s.name)}`, source: s });
    }
  });

  const params: unknown[] = [];
  const bind = (value: unknown, column: OutputColumn) => {
    params.push(typeof value === "boolean" || typeof value === "number" ? value : String(value));
    return `CAST($${params.length} AS ${column.source.storageType})`;
  };
  const where = def.filters.map((f, i) => predicateSql(f, `definition.filters.${i}`, output, bind));

  let selected = output;
  if (def.select?.length) {
    selected = def.select.map((name, i) => {
      const column = output.find((o) => o.name === name);
      if (!column) throw invalid(`definition.select.${i}`, `There is no column "${name}" to select.`);
      return column;
    });
  }
  const sql = `SELECT ${selected.map((o) => `${o.expr} AS ${ident(o.name)}`).join(", ")} FROM ${from.join(" ")}${
    where.length ? ` WHERE ${where.join(" AND ")}` : ""
  }`;
  return { sql, params, columns: selected.map((o) => ({ name: o.name, source: o.source })) };
}

function joinable(a: ColumnSchema, b: ColumnSchema) {
  if (isNumeric(a.type) && isNumeric(b.type)) return true;
  if (isTemporal(a.type) && isTemporal(b.type)) return true;
  return a.type === b.type;
}

function predicateSql(f: Predicate, path: string, output: OutputColumn[], bind: (v: unknown, c: OutputColumn) => string): string {
  const column = output.find((o) => o.name === f.column);
  if (!column) throw invalid(`${path}.column`, `There is no column "${f.column}" to filter on.`);
  const c = column.expr;
  switch (f.op) {
    case "is null":
      return `${c} IS NULL`;
    case "is not null":
      return `${c} IS NOT NULL`;
    case "in":
    case "not in":
      return `${c} ${f.op === "in" ? "IN" : "NOT IN"} (${f.values.map((v) => bind(v, column)).join(", ")})`;
    case "between":
      return `(${c} >= ${bind(f.from, column)} AND ${c} < ${bind(f.to, column)})`;
    default:
      return `${c} ${f.op === "!=" ? "<>" : f.op} ${bind(f.value, column)}`;
  }
}
