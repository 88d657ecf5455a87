export { formatBytes } from "@roundhouse/contracts";

export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatNumber(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  // Four significant digits without trailing zeros: toPrecision's "3.200" read as three thousand two hundred.
  return Math.abs(v) >= 1000 ? v.toLocaleString("en-US", { maximumFractionDigits: 1 }) : String(Number(v.toPrecision(4)));
}

export const shortHash = (hash: string) => hash.slice(0, 12);
