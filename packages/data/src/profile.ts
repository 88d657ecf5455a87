// Aliases in these queries start with "__" so they never meet a user's column of the same name.
// Column profiles, computed once when a version is made and stored with it: pages read them, they
// never scan the data again.
import type { ColumnProfile, ColumnSchema, DatasetProfile, HistogramBin } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { type DuckConnection as Connection, ident, literal, queryRows, withConnection } from "./duckdb.ts";

const BINS = 30;
const TOP_VALUES = 10;

export async function profileParquet(file: string, schema: ColumnSchema[]): Promise<DatasetProfile> {
  const started = performance.now();
  return withConnection(async (c) => {
    const from = `read_parquet(${literal(file)})`;
    const summary = new Map((await queryRows(c, `SUMMARIZE SELECT * FROM ${from}`)).map((r) => [String(r.column_name), r]));
    const rowCount = Number(summary.values().next().value?.count ?? 0);
    const exactDistinct = await distinctCounts(c, from, schema, summary, rowCount);

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

    const histograms = await histogramsOf(
      c,
      from,
      ranged.flatMap((s, i) => {
        const [p01, , , p99] = ((tails as Record<string, unknown>)[`q${i}`] as number[] | null) ?? [];
        if (p01 === undefined || p99 === undefined) return [];
        return [{ name: s.name, expr: asNumber(s), lo: Number(p01), hi: Number(p99), integer: s.type === "integer" }];
      }),
    );
    const tops = await topValuesOf(
      c,
      from,
      schema.filter((s) => !isNumeric(s.type) && !isTemporal(s.type)),
      exactDistinct,
    );

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
        if (p01 !== undefined && p99 !== undefined) histogram = histograms.get(s.name) ?? null;
      }
      const top = tops.get(s.name) ?? null;
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
const UNPIVOT_CELLS = 5_000_000;

async function distinctCounts(
  c: Connection,
  from: string,
  schema: ColumnSchema[],
  summary: Map<string, Record<string, unknown>>,
  rowCount: number,
) {
  const countable = schema.filter((s) => s.type !== "other" && Number(summary.get(s.name)?.approx_unique ?? 0) <= EXACT_UP_TO);
  if (countable.length === 0) return new Map<string, number>();
  // Wide and short (a 1,000-column survey): one distinct count over the unpivoted values is 7× faster
  // than 1,000 count(DISTINCT) aggregates. Long tables keep one aggregate per column.
  if (countable.length > 50 && rowCount * countable.length <= UNPIVOT_CELLS) {
    const rows = await queryRows(
      c,
      `SELECT __name, count(DISTINCT __value)::BIGINT AS __d
       FROM (UNPIVOT (SELECT ${countable.map((s) => `${ident(s.name)}::VARCHAR AS ${ident(s.name)}`).join(", ")} FROM ${from})
             ON COLUMNS(*) INTO NAME __name VALUE __value)
       GROUP BY 1`,
    );
    const counted = new Map(rows.map((r) => [String(r.__name), Number(r.__d)]));
    // A column of nulls only has no unpivoted values at all.
    return new Map(countable.map((s) => [s.name, counted.get(s.name) ?? 0]));
  }
  const [row] = await queryRows(
    c,
    `SELECT ${countable.map((s, i) => `count(DISTINCT ${ident(s.name)})::BIGINT AS __d${i}`).join(", ")} FROM ${from}`,
  );
  return new Map(countable.map((s, i) => [s.name, Number(row?.[`__d${i}`] ?? 0)]));
}

// Many columns per query: one query per column made a 1,000-column file take 20 s to profile.
const COLUMNS_PER_QUERY = 200;

function chunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / COLUMNS_PER_QUERY) }, (_, i) =>
    items.slice(i * COLUMNS_PER_QUERY, (i + 1) * COLUMNS_PER_QUERY),
  );
}

interface HistogramColumn {
  name: string;
  expr: string;
  lo: number;
  hi: number;
  integer: boolean;
}

/**
 * Equal bins over [lo, hi] per column, all counted in one scan with histogram() (a small map each):
 * BINS of them, or for integers at most BINS of a whole width, starting at whole numbers (0 to 9
 * calls in 30 bins of 0.3 drew every other bar empty, under ticks such as 1.5).
 */
function binsOf(h: HistogramColumn): { lo: number; width: number; bins: number } {
  if (h.integer) {
    const [lo, values] = [Math.floor(h.lo), Math.ceil(h.hi) - Math.floor(h.lo) + 1];
    const width = Math.ceil(values / BINS);
    return { lo, width, bins: Math.ceil(values / width) };
  }
  return h.hi > h.lo ? { lo: h.lo, width: (h.hi - h.lo) / BINS, bins: BINS } : { lo: h.lo, width: 1, bins: 1 };
}

async function histogramsOf(c: Connection, from: string, columns: HistogramColumn[]) {
  const result = new Map<string, HistogramBin[]>();
  for (const group of chunks(columns.filter((h) => Number.isFinite(h.lo) && Number.isFinite(h.hi)))) {
    const layouts = group.map(binsOf);
    const [row] = await queryRows(
      c,
      `SELECT ${group
        // Only finite values are counted: greatest() and least() skip a NULL, so without the CASE
        // every missing value was counted in the first bar, and a NaN in the last.
        .map((h, i) => {
          const { lo, width, bins } = layouts[i] ?? binsOf(h);
          return (
            `histogram(CASE WHEN isfinite((${h.expr})::DOUBLE) ` +
            `THEN least(greatest(floor((${h.expr} - ${lo}) / ${width}), 0), ${bins - 1})::INTEGER END) AS __h${i}`
          );
        })
        .join(", ")} FROM ${from}`,
    );
    group.forEach((h, i) => {
      const counts = mapEntries(row?.[`__h${i}`]);
      const { lo, width, bins } = layouts[i] ?? binsOf(h);
      result.set(
        h.name,
        Array.from({ length: bins }, (_, b) => ({
          start: lo + b * width,
          end: lo + (b + 1) * width,
          count: counts.get(String(b)) ?? 0,
        })),
      );
    });
  }
  return result;
}

/**
 * The most frequent values of text columns. Columns with at most TOP_BY_MAP distinct values are
 * counted together in one scan (histogram() per column); wider ones (IDs, free text) get a
 * grouped query each, so no huge map is ever built.
 */
const TOP_BY_MAP = 1000;

async function topValuesOf(c: Connection, from: string, columns: ColumnSchema[], exactDistinct: Map<string, number>) {
  const result = new Map<string, { value: string; count: number }[]>();
  const narrow = columns.filter((s) => (exactDistinct.get(s.name) ?? Number.POSITIVE_INFINITY) <= TOP_BY_MAP);
  for (const group of chunks(narrow)) {
    const [row] = await queryRows(
      c,
      `SELECT ${group.map((s, i) => `histogram(${ident(s.name)}::VARCHAR) AS __t${i}`).join(", ")} FROM ${from}`,
    );
    group.forEach((s, i) => {
      const top = [...mapEntries(row?.[`__t${i}`])]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, TOP_VALUES);
      result.set(s.name, top);
    });
  }
  for (const s of columns.filter((s) => !narrow.includes(s))) {
    const rows = await queryRows(
      c,
      `SELECT ${ident(s.name)}::VARCHAR AS __value, count(*)::BIGINT AS __count FROM ${from} WHERE ${ident(s.name)} IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_VALUES}`,
    );
    result.set(
      s.name,
      rows.map((r) => ({ value: String(r.__value), count: Number(r.__count) })),
    );
  }
  return result;
}

/** A DuckDB MAP as the node API's JS rows give it ([{ key, value }, …]), keyed by text. */
function mapEntries(v: unknown): Map<string, number> {
  const entries = Array.isArray(v) ? (v as { key: unknown; value: unknown }[]) : [];
  return new Map(entries.filter((e) => e.key !== null).map((e) => [String(e.key), Number(e.value)]));
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
