// Turns JSON records into the rows a model scores. Real rows carry values the model never saw: a
// new category, a field left out, a number sent as a string. Those are scored (an unseen or absent
// value is missing, and the model's learned missing-value path decides) and each is reported as a
// warning that goes into the decision log. Only input of the wrong shape is refused, with every
// problem of every row collected so one 422 tells the caller everything. A row that gives none of the
// model's features is refused too: scoring it would answer every such row alike (rows wrapped as
// {"rows": [...]} or every name misspelt were once scored as all-missing, with a 200).
import { amountValue, DEFAULT_NULL_VALUES, type FieldProblem, utcMillis } from "@roundhouse/contracts";

export interface ServedFeature {
  name: string;
  kind: "numeric" | "categorical";
  categories?: string[];
  /** A date or timestamp column: trained on epoch milliseconds, so ISO strings are accepted too. */
  temporal?: boolean;
  /** A boolean column learned as 0/1: true/false are its values. Other numbers refuse booleans. */
  boolean?: boolean;
}

export interface FeatureWarning {
  feature: string;
  message: string;
}

export interface EncodedRows {
  rows: Float64Array[];
  problems: FieldProblem[];
  /** Per row: what was scored as missing although the caller sent something (or nothing). */
  warnings: FeatureWarning[][];
}

// A row copied from a CSV says "missing" the way the file did ("", "NA", "NULL"...), as ingest reads it.
const NULL_MARKERS = new Set(DEFAULT_NULL_VALUES);

// Spellings of a two-valued answer, so a model trained on "Yes"/"No" takes "yes", "YES" and true.
const TRUE_WORDS = ["true", "yes", "y", "t", "1"];
const FALSE_WORDS = ["false", "no", "n", "f", "0"];

export function featureEncoder(features: ServedFeature[]) {
  const lookups = features.map((f) => (f.categories ? categoryLookup(f.categories) : null));
  const names = new Set(features.map((f) => f.name));
  return function encode(records: unknown[], pathOf: (row: number) => string): EncodedRows {
    const problems: FieldProblem[] = [];
    const warnings: FeatureWarning[][] = [];
    const rows = records.map((record, r) => {
      const x = new Float64Array(features.length);
      const rowWarnings: FeatureWarning[] = [];
      warnings.push(rowWarnings);
      const at = pathOf(r);
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        problems.push({ path: at, message: "each row must be a JSON object of feature values" });
        return x;
      }
      const values = record as Record<string, unknown>;
      let given = 0;
      features.forEach((f, i) => {
        const path = at ? `${at}.${f.name}` : f.name;
        const field = fieldOf(values, f.name);
        if (!field) {
          x[i] = Number.NaN;
          rowWarnings.push({ feature: f.name, message: notGiven(f.name, values, names) });
          return;
        }
        given++;
        const v = field.value;
        const encoded =
          v === null ? Number.NaN : f.kind === "categorical" ? category(f, lookups[i] as CategoryLookup, v, rowWarnings) : numeric(f, v);
        if (typeof encoded === "string") problems.push({ path, message: encoded });
        else x[i] = encoded;
      });
      if (given === 0 && features.length > 0) problems.push({ path: at, message: noFeatures(values, features) });
      return x;
    });
    return { rows, problems, warnings };
  };
}

/**
 * The value a row gives for a feature: its field of that name, or for a nested field's column
 * ("user.age", as uploads name the fields of nested objects) the field inside the row's objects
 * ({"user": {"age": 30}}). Own fields only: a feature named "constructor" is not given by every object.
 */
function fieldOf(values: Record<string, unknown>, name: string): { value: unknown } | null {
  if (Object.hasOwn(values, name)) return { value: values[name] };
  for (let dot = name.indexOf("."); dot > 0; dot = name.indexOf(".", dot + 1)) {
    const head = name.slice(0, dot);
    const inner = Object.hasOwn(values, head) ? values[head] : undefined;
    if (inner === null && Object.hasOwn(values, head)) return { value: null };
    if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
      const found = fieldOf(inner as Record<string, unknown>, name.slice(dot + 1));
      if (found) return found;
    }
  }
  return null;
}

/** A name as people vary it: "Temp Max", "temp-max" and "tempMax" are all "tempmax". */
const looseName = (name: string) => name.toLowerCase().replace(/[\s_.-]/g, "");

/** The warning for an absent feature, naming a field that looks like it (a name must match exactly). */
function notGiven(feature: string, values: Record<string, unknown>, names: Set<string>): string {
  const loose = looseName(feature);
  const alike = Object.keys(values).find((k) => !names.has(k) && looseName(k) === loose);
  const hint = alike === undefined ? "" : ` ("${clip(alike)}" was; names must match exactly)`;
  return `"${feature}" was not given${hint}; scored as missing`;
}

/** Why a row with none of the model's features is refused, and what the model takes instead. */
function noFeatures(values: Record<string, unknown>, features: ServedFeature[]): string {
  const quoted = (xs: string[], most: number) =>
    xs
      .slice(0, most)
      .map((x) => `"${clip(x)}"`)
      .join(", ") + (xs.length > most ? ` and ${xs.length - most} more` : "");
  const wanted = `the model's features are ${quoted(
    features.map((f) => f.name),
    10,
  )}`;
  const fields = Object.keys(values);
  if (fields.length === 0) return `the row is empty; ${wanted}`;
  const wrapper = fields.find((k) => Array.isArray(values[k]));
  const unwrap =
    wrapper === undefined ? "" : `; to score several rows, send them as a JSON array of objects, not inside "${clip(wrapper)}"`;
  return `the row has none of the model's features (it has ${quoted(fields, 5)}); ${wanted}${unwrap}`;
}

interface CategoryLookup {
  exact: Map<string, number>;
  /** Lower-cased category → code, for categories no other category equals when lower-cased. */
  folded: Map<string, number>;
}

function categoryLookup(categories: string[]): CategoryLookup {
  const exact = new Map(categories.map((c, i) => [c, i]));
  const folded = new Map<string, number>();
  const clashes = new Set<string>();
  categories.forEach((c, i) => {
    const key = c.trim().toLowerCase();
    if (folded.has(key)) clashes.add(key);
    folded.set(key, i);
  });
  for (const key of clashes) folded.delete(key);
  return { exact, folded };
}

function describe(f: ServedFeature): string {
  if (f.kind === "categorical") return `one of ${f.categories?.length ?? 0} categories`;
  return f.temporal ? "an ISO date or epoch milliseconds" : "a number";
}

/** A date, or a date and time with an optional zone, year first (ISO 8601). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** The value to score, or the problem with it. Numbers may come as JSON numbers or numeric strings. */
function numeric(f: ServedFeature, v: unknown): number | string {
  if (typeof v === "number") return Number.isFinite(v) ? v : `"${f.name}" must be a finite number`;
  if (typeof v === "boolean") return f.boolean ? (v ? 1 : 0) : `"${f.name}" must be a number, got a boolean`;
  if (typeof v === "string") {
    const text = v.trim();
    if (NULL_MARKERS.has(text)) return Number.NaN;
    if (f.temporal) {
      // ISO 8601 only: Date.parse also takes "03/04/2024", as March 4 in the server's time zone,
      // where a model trained on a European file's dates means 3 April.
      const t = ISO_DATE.test(text) ? utcMillis(text) : Number.NaN;
      if (!Number.isNaN(t)) return t;
      return `"${f.name}" must be an ISO date such as 2001-05-01 or 2001-05-01T14:30:00, got "${clip(v)}"`;
    }
    if (f.boolean && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true" ? 1 : 0;
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return `"${f.name}" must be ${describe(f)}, got ${typeOf(v)}${typeof v === "string" ? ` "${clip(v)}"${plainNumber(f, v)}` : ""}`;
}

/**
 * The number to send instead of an amount ("$2,100.00", "(15.00)", "1.234,50"; an upload reads a
 * column of them as numbers). It is not taken as it is: a client should send what it means.
 */
function plainNumber(f: ServedFeature, v: string): string {
  const n = f.temporal ? null : (amountValue(v) ?? amountValue(v, ","));
  return n === null ? "" : ` (send the number: ${n}, with a decimal point and no currency sign, thousands separator or percent sign)`;
}

function category(f: ServedFeature, lookup: CategoryLookup, v: unknown, warnings: FeatureWarning[]): number | string {
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
    return `"${f.name}" must be a category (a string), got ${typeOf(v)}`;
  const text = String(v);
  const code = lookup.exact.get(text) ?? lookup.folded.get(text.trim().toLowerCase()) ?? twoValued(lookup, v);
  if (code !== undefined) return code;
  if (typeof v === "string" && NULL_MARKERS.has(v.trim())) return Number.NaN;
  // Quoted: a category may hold a comma ("basic, monthly") or a line break.
  const examples = (f.categories ?? [])
    .slice(0, 5)
    .map((c) => JSON.stringify(clip(c)))
    .join(", ");
  warnings.push({
    feature: f.name,
    message: `unknown category "${clip(text)}" for "${f.name}" (the model knows ${f.categories?.length ?? 0}, e.g. ${examples}); scored as missing`,
  });
  return Number.NaN;
}

/** true/false against a model that learned "Yes"/"No" (or "y"/"n", "1"/"0"...), and back. */
function twoValued(lookup: CategoryLookup, v: unknown): number | undefined {
  const key = String(v).trim().toLowerCase();
  const words = TRUE_WORDS.includes(key) ? TRUE_WORDS : FALSE_WORDS.includes(key) ? FALSE_WORDS : null;
  if (!words) return undefined;
  for (const w of words) {
    const code = lookup.folded.get(w);
    if (code !== undefined) return code;
  }
  return undefined;
}

const typeOf = (v: unknown) =>
  Array.isArray(v) ? "an array" : v === null ? "null" : typeof v === "object" ? "an object" : `a ${typeof v}`;
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
