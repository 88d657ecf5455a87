// Text values that differ only in letter case or in spaces around them (" pro " and "pro", "TRUE"
// and "true"): a model takes each spelling as a category of its own, and the dataset page shows
// them as the same word, so the upload says so. The stored data stays as the file has it.
import { type ColumnSchema, MAX_FEATURE_CATEGORIES } from "@roundhouse/contracts";
import { ident, literal, queryRows, type withConnection } from "./duckdb.ts";

type Connection = Parameters<Parameters<typeof withConnection>[0]>[0];

/** One warning per text column whose values have look-alikes, with one group of them as the example. */
export async function lookAlikeValues(c: Connection, file: string, schema: ColumnSchema[]): Promise<string[]> {
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
  const counts = text.flatMap((s, i) => [`count(DISTINCT ${ident(s.name)}) AS v${i}`, `count(DISTINCT ${folded(s.name)}) AS f${i}`]);
  const [row] = await queryRows(c, `SELECT ${counts.join(", ")} FROM ${from}`);
  const warnings: string[] = [];
  for (const [i, s] of text.entries()) {
    const groups = Number(row?.[`v${i}`] ?? 0) - Number(row?.[`f${i}`] ?? 0);
    if (groups <= 0) continue;
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
  return warnings;
}
