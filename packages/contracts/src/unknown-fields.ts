// Zod drops the fields a schema does not name. In a request that hides a typo: a training spec with
// `"features": {"include": [...]}` trained on every column, one with `"stratfy": true` held out a
// random sample, and both were answered 201. The fields parsing dropped are found by walking the request
// beside what parsing made of it (parsing only ever adds defaults), and refused by path.
import { Invalid } from "./errors.ts";

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The paths of the fields of `raw` that `parsed` (the schema's output for it) no longer has. */
export function droppedFields(raw: unknown, parsed: unknown, path: string[] = []): string[][] {
  if (Array.isArray(raw) && Array.isArray(parsed) && raw.length === parsed.length)
    return raw.flatMap((item, i) => droppedFields(item, parsed[i], [...path, String(i)]));
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  return Object.keys(raw).flatMap((key) =>
    Object.hasOwn(parsed, key) ? droppedFields(raw[key], parsed[key], [...path, key]) : [[...path, key]],
  );
}

/** Throws a 400 naming every field of the request that its schema does not know, with the likely intended one. */
export function refuseUnknownFields(raw: unknown, parsed: unknown, where = "body"): void {
  const dropped = droppedFields(raw, parsed);
  if (dropped.length === 0) return;
  const problems = dropped.map((path) => {
    const key = path[path.length - 1] as string;
    const siblings = Object.keys(valueAt(parsed, path.slice(0, -1)) ?? {});
    const near = siblings.find((s) => editDistance(s.toLowerCase(), key.toLowerCase()) <= 2);
    return { path: path.join("."), message: `unknown field "${key}"${near ? `: did you mean "${near}"?` : ""} (it would be ignored)` };
  });
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  throw new Invalid(`The ${where} is invalid: ${summary}`, problems);
}

function valueAt(v: unknown, path: string[]): Record<string, unknown> | undefined {
  let at = v;
  for (const key of path) at = isPlainObject(at) || Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined;
  return isPlainObject(at) ? at : undefined;
}

/** Levenshtein distance, for "did you mean": field names are short, so the plain table is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] as number;
}
