/**
 * Rows in a table's order: `sort` is a column ("name") or "-name" for descending, as `SortableTh` writes
 * it; an unknown column falls back to `fallback`. Ties (and NaN from two missing values) are broken by
 * `tieBreak`, so the order is stable and readable.
 */
export function sortRows<T>(
  rows: T[],
  sort: string,
  compare: Record<string, (a: T, b: T) => number>,
  fallback: string,
  tieBreak: (a: T, b: T) => number = () => 0,
): T[] {
  const sign = sort.startsWith("-") ? -1 : 1;
  const by = compare[sort.replace(/^-/, "")] ?? (compare[fallback] as (a: T, b: T) => number);
  return [...rows].sort((a, b) => sign * by(a, b) || tieBreak(a, b));
}
