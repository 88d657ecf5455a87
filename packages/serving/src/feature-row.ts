// Turns JSON records into the rows a model scores, checking every value against the model's
// features. All problems of all rows are collected, so one 422 tells the caller everything.
import type { FieldProblem } from "@roundhouse/contracts";

export interface ServedFeature {
  name: string;
  kind: "numeric" | "categorical";
  categories?: string[];
  /** A date or timestamp column: trained on epoch milliseconds, so ISO strings are accepted too. */
  temporal?: boolean;
}

export interface EncodedRows {
  rows: Float64Array[];
  problems: FieldProblem[];
}

export function featureEncoder(features: ServedFeature[]) {
  const codes = features.map((f) => (f.categories ? new Map(f.categories.map((c, i) => [c, i])) : null));
  return function encode(records: unknown[], pathOf: (row: number) => string): EncodedRows {
    const problems: FieldProblem[] = [];
    const rows = records.map((record, r) => {
      const x = new Float64Array(features.length);
      const at = pathOf(r);
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        problems.push({ path: at, message: "each row must be a JSON object of feature values" });
        return x;
      }
      const values = record as Record<string, unknown>;
      features.forEach((f, i) => {
        const path = at ? `${at}.${f.name}` : f.name;
        if (!(f.name in values)) {
          problems.push({ path, message: `missing feature "${f.name}" (${describe(f)}; null for unknown)` });
          return;
        }
        const v = values[f.name];
        const encoded =
          v === null ? Number.NaN : f.kind === "categorical" ? category(f, codes[i] as Map<string, number>, v) : numeric(f, v);
        if (typeof encoded === "string") problems.push({ path, message: encoded });
        else x[i] = encoded;
      });
      return x;
    });
    return { rows, problems };
  };
}

function describe(f: ServedFeature): string {
  if (f.kind === "categorical") return `one of ${f.categories?.length ?? 0} categories`;
  return f.temporal ? "an ISO date or epoch milliseconds" : "a number";
}

/** The value to score, or the problem with it. */
function numeric(f: ServedFeature, v: unknown): number | string {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (f.temporal && typeof v === "string") {
    const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
    return Number.isNaN(t) ? `"${f.name}" must be an ISO date such as 2001-05-01, got "${clip(v)}"` : t;
  }
  return `"${f.name}" must be ${describe(f)}, got ${typeOf(v)}${typeof v === "string" ? ` "${clip(v)}"` : ""}`;
}

function category(f: ServedFeature, codes: Map<string, number>, v: unknown): number | string {
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
    return `"${f.name}" must be a category (a string), got ${typeOf(v)}`;
  const code = codes.get(String(v));
  if (code !== undefined) return code;
  const examples = (f.categories ?? []).slice(0, 5).join(", ");
  return `unknown category "${clip(String(v))}" for "${f.name}" (the model knows ${f.categories?.length ?? 0}, e.g. ${examples})`;
}

const typeOf = (v: unknown) =>
  Array.isArray(v) ? "an array" : v === null ? "null" : typeof v === "object" ? "an object" : `a ${typeof v}`;
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
