// Text values that differ only in letter case or in spaces around them (" pro " and "pro", "TRUE"
// and "true"): a model takes each spelling as a category of its own, and the dataset page shows
// them as the same word, so the upload says so. The stored data stays as the file has it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { type ColumnSchema, MAX_FEATURE_CATEGORIES } from "@roundhouse/contracts";
import { ident, literal, queryRows } from "./duckdb.ts";

/** Columns given an example each; more are named together. */
const MAX_EXAMPLES = 5;

/** One warning per text column whose values have look-alikes, with one group of them as the example. */
export async function lookAlikeValues(c: DuckDBConnection, file: string, schema: ColumnSchema[]): Promise<string[]> {
  const from = `read_parquet(${literal(file)})`;
  // Only columns that can be categories: exact distinct counts of IDs and free text (3M unique
  // strings) took 2.5 s of a 4.6 s upload, and such columns are never a model's categories.
  const strings = schema.filter((s) => s.type === "string");
  if (strings.length === 0) return [];
  const estimates = strings.map((s, i) => `approx_count_distinct(${ident(s.name)}) AS a${i}`);
  const [estimated] = await queryRows(c, `SELECT ${estimates.join(", ")} FROM ${from}`);
  const text = strings.filter((_, i) => Number(estimated?.[`a${i}`] ?? 0) <= MAX_FEATURE_CATEGORIES);
  if (text.length === 0) return [];
  const folded = (name: string) => `lower(trim(${ident(name)}))`;
  // One pass for every column: fewer distinct values folded than as written means look-alikes.
  // Counted as the size of a histogram: count(DISTINCT) keeps a hash table per column, and a file
  // of 500 text columns spent 9.4 s here against 0.3 s (3M rows of a few columns: 0.14 s against 0.08 s).
  const distinct = (expr: string) => `cardinality(histogram(${expr}))`;
  const counts = text.flatMap((s, i) => [`${distinct(ident(s.name))} AS v${i}`, `${distinct(folded(s.name))} AS f${i}`]);
  const [row] = await queryRows(c, `SELECT ${counts.join(", ")} FROM ${from}`);
  const flagged = text.filter((_, i) => Number(row?.[`v${i}`] ?? 0) > Number(row?.[`f${i}`] ?? 0));
  // An example costs a pass over the file: a few columns get one, the rest are named in one line
  // (a file of 2,000 such columns would otherwise be read 2,000 times more).
  const warnings: string[] = [];
  for (const s of flagged.slice(0, MAX_EXAMPLES)) {
    const [example] = await queryRows(
      c,
      `SELECT list(DISTINCT ${ident(s.name)} ORDER BY ${ident(s.name)}) AS spellings FROM ${from}
       WHERE ${ident(s.name)} IS NOT NULL GROUP BY ${folded(s.name)} HAVING count(DISTINCT ${ident(s.name)}) > 1
       ORDER BY ${folded(s.name)} LIMIT 1`,
    );
    const spellings = ((example?.spellings as string[] | undefined) ?? [])
      .slice(0, 3)
      .map((v) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v));
    warnings.push(
      `Column "${s.name}" has values that differ only in letter case or in spaces around them, such as ${spellings.join(" and ")}: ` +
        `a model takes each spelling as a category of its own. If they mean the same, give them one spelling in the file.`,
    );
  }
  const rest = flagged.slice(MAX_EXAMPLES).map((s) => `"${s.name}"`);
  if (rest.length > 0)
    warnings.push(
      `${rest.length} more text column${rest.length > 1 ? "s have" : " has"} values that differ only in letter case or in spaces around them: ${rest.slice(0, 20).join(", ")}${rest.length > 20 ? ", …" : ""}.`,
    );
  return warnings;
}
