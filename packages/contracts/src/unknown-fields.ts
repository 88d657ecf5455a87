// Zod drops the fields a schema does not name. In a request that hides a typo: a training spec with
// `"features": {"include": [...]}` trained on every column, one with `"stratfy": true` held out a
// random sample, and both were answered 201. The fields parsing dropped are found by walking the request
// beside what parsing made of it (parsing only ever adds defaults), and refused by path.
import type { z } from "zod";
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

/**
 * Throws a 400 naming every field of the request that its schema does not know, with the field
 * likely meant: a sibling the schema names (when given) or the parsed request has.
 */
export function refuseUnknownFields(raw: unknown, parsed: unknown, where = "body", schema?: z.ZodType): void {
  const dropped = droppedFields(raw, parsed);
  if (dropped.length === 0) return;
  const problems = dropped.map((path) => {
    const key = path[path.length - 1] as string;
    const parent = path.slice(0, -1);
    const siblings = new Set([...Object.keys(valueAt(parsed, parent) ?? {}), ...(schema ? fieldNamesAt(schema, parent) : [])]);
    const near = [...siblings].find((s) => editDistance(s.toLowerCase(), key.toLowerCase()) <= 2);
    return { path: path.join("."), message: `unknown field "${key}"${near ? `: did you mean "${near}"?` : ""} (it would be ignored)` };
  });
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  throw new Invalid(`The ${where} is invalid: ${summary}`, problems);
}

/** The field names a schema's objects at `path` declare (every option of a union's), optional ones included. */
function fieldNamesAt(schema: z.ZodType, path: string[]): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (s: unknown, rest: string[]) => fieldNamesAt(s as z.ZodType, rest);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const field = shape[path[0] as string];
      return field ? inner(field, path.slice(1)) : [];
    }
    case "array":
      return path.length ? inner(def.element, path.slice(1)) : [];
    case "union":
      return (def.options as z.ZodType[]).flatMap((o) => inner(o, path));
    case "pipe":
      return inner(def.in, path);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return inner(def.innerType, path);
    default:
      return [];
  }
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
