export { formatBytes } from "@roundhouse/contracts";

export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatNumber(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return Math.abs(v) >= 1000 ? v.toLocaleString("en-US", { maximumFractionDigits: 1 }) : v.toPrecision(4);
}

export const shortHash = (hash: string) => hash.slice(0, 12);
