// Aliases in these queries start with "__" so they never meet a user's column of the same name.
// Column profiles, computed once when a version is made and stored with it: pages read them, they
// never scan the data again.
import type { ColumnProfile, ColumnSchema, DatasetProfile, HistogramBin } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { ident, literal, queryRows, withConnection } from "./duckdb.ts";

const BINS = 30;
const TOP_VALUES = 10;

export async function profileParquet(file: string, schema: ColumnSchema[]): Promise<DatasetProfile> {
  const started = performance.now();
  return withConnection(async (c) => {
    const from = `read_parquet(${literal(file)})`;
    const summary = new Map((await queryRows(c, `SUMMARIZE SELECT * FROM ${from}`)).map((r) => [String(r.column_name), r]));
    const rowCount = Number(summary.values().next().value?.count ?? 0);
    const exactDistinct = await distinctCounts(c, from, schema, summary);

    // Numbers and dates: 1st/5th/95th/99th percentiles in one pass; the histogram spans p1..p99 so
    // one far outlier does not squeeze everything into a single bar (outliers land in the end bins).
    const ranged = schema.filter((s) => isNumeric(s.type) || isTemporal(s.type));
    const asNumber = (s: ColumnSchema) => (isTemporal(s.type) ? `epoch_ms(${ident(s.name)}::TIMESTAMP)` : `${ident(s.name)}::DOUBLE`);
    const tails = ranged.length
      ? ((
          await queryRows(
            c,
            `SELECT ${ranged.map((s, i) => `approx_quantile(${asNumber(s)}, [0.01, 0.05, 0.95, 0.99]) AS q${i}`).join(", ")} FROM ${from}`,
          )
        )[0] ?? {})
      : {};

    const columns: ColumnProfile[] = [];
    for (const s of schema) {
      const r = summary.get(s.name) ?? {};
      const count = Number(r.count ?? rowCount);
      const nullFraction = Number(r.null_percentage ?? 0) / 100;
      const nulls = Math.round(count * nullFraction);
      const exact = exactDistinct.get(s.name);
      const distinct = exact ?? Number(r.approx_unique ?? 0);
      const numeric = isNumeric(s.type);
      let histogram: HistogramBin[] | null = null;
      let quantiles: Record<string, number> | null = null;
      const rangedIndex = ranged.indexOf(s);
      if (rangedIndex >= 0) {
        const [p01, p05, p95, p99] = ((tails as Record<string, unknown>)[`q${rangedIndex}`] as number[] | null) ?? [];
        if (numeric) quantiles = { p05: Number(p05), p25: Number(r.q25), p50: Number(r.q50), p75: Number(r.q75), p95: Number(p95) };
        if (p01 !== undefined && p99 !== undefined) histogram = await histogramOf(c, from, asNumber(s), Number(p01), Number(p99));
      }
      const top = !numeric && !isTemporal(s.type) ? await topValues(c, from, s.name) : null;
      columns.push({
        name: s.name,
        type: s.type,
        nulls,
        nullFraction,
        distinct,
        distinctExact: exact !== undefined,
        min: toScalar(r.min, numeric),
        max: toScalar(r.max, numeric),
        mean: numeric && r.avg != null ? Number(r.avg) : null,
        std: numeric && r.std != null ? Number(r.std) : null,
        quantiles,
        histogram,
        topValues: top,
        labelHint: labelHint(s, distinct),
      });
    }
    return { rowCount, columns, millis: Math.round(performance.now() - started) };
  });
}

/**
 * Exact distinct counts where they decide something (SUMMARIZE's HyperLogLog said "2" for a
 * 3-valued column, and label hints and the wizard's advice hang on this number): every column
 * whose estimate is below EXACT_UP_TO, in one hash aggregate. Above it (timestamps, IDs) the
 * estimate stays, marked as such; counting millions of distinct values exactly costs seconds.
 */
const EXACT_UP_TO = 20_000;

async function distinctCounts(
  c: Parameters<Parameters<typeof withConnection>[0]>[0],
  from: string,
  schema: ColumnSchema[],
  summary: Map<string, Record<string, unknown>>,
) {
  const countable = schema.filter((s) => s.type !== "other" && Number(summary.get(s.name)?.approx_unique ?? 0) <= EXACT_UP_TO);
  if (countable.length === 0) return new Map<string, number>();
  const [row] = await queryRows(
    c,
    `SELECT ${countable.map((s, i) => `count(DISTINCT ${ident(s.name)})::BIGINT AS __d${i}`).join(", ")} FROM ${from}`,
  );
  return new Map(countable.map((s, i) => [s.name, Number(row?.[`__d${i}`] ?? 0)]));
}

async function histogramOf(c: Parameters<Parameters<typeof withConnection>[0]>[0], from: string, expr: string, lo: number, hi: number) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const width = hi > lo ? (hi - lo) / BINS : 1;
  const rows = await queryRows(
    c,
    `SELECT least(greatest(floor((${expr} - $1) / $2), 0), ${BINS - 1})::INTEGER AS __bin, count(*)::BIGINT AS __n
     FROM ${from} WHERE ${expr} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [lo, width],
  );
  const counts = new Map(rows.map((r) => [Number(r.__bin), Number(r.__n)]));
  const bins = hi > lo ? BINS : 1;
  return Array.from({ length: bins }, (_, b) => ({ start: lo + b * width, end: lo + (b + 1) * width, count: counts.get(b) ?? 0 }));
}

async function topValues(c: Parameters<Parameters<typeof withConnection>[0]>[0], from: string, column: string) {
  const rows = await queryRows(
    c,
    `SELECT ${ident(column)}::VARCHAR AS __value, count(*)::BIGINT AS __count FROM ${from} WHERE ${ident(column)} IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_VALUES}`,
  );
  return rows.map((r) => ({ value: String(r.__value), count: Number(r.__count) }));
}

function toScalar(v: unknown, numeric: boolean): number | string | null {
  if (v === null || v === undefined) return null;
  return numeric ? Number(v) : String(v);
}

/** What kind of label a column would make: two values → binary; a few → multiclass; numbers → regression. */
export function labelHint(s: ColumnSchema, distinct: number): ColumnProfile["labelHint"] {
  if (distinct === 2) return "binary";
  if ((s.type === "string" || s.type === "boolean") && distinct > 2 && distinct <= 30) return "multiclass";
  if (s.type === "integer" && distinct > 2 && distinct <= 10) return "multiclass";
  if (isNumeric(s.type) && distinct > 2) return "numeric";
  return null;
}
