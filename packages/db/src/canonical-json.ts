/**
 * JSON with object keys sorted at every depth: the same value always gives the same text. Written
 * in one pass (no stringify-parse-rebuild: hashing every decision batch made that cost matter), with
 * exactly the text of JSON.stringify(sortKeys(toJsonValue(value))), which stored hashes depend on.
 */
export function canonicalJson(value: unknown): string {
  return write(value === undefined ? null : value) ?? "null";
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}"`;
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return write(json.call(value));
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? "null").join(",")}]`;
  const parts: string[] = [];
  for (const key of keyOrder(Object.keys(value as object))) {
    const text = write((value as Record<string, unknown>)[key]);
    if (text !== undefined) parts.push(`${quoted(key)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * What a value becomes once stored as jsonb and read back (dates as ISO strings, bigints as
 * strings). Numbers are kept to 15 significant digits: Prisma reads a jsonb number of 17 digits
 * (0.33499999999999996) back as another double, which broke the audit chain's hash for a drift
 * alert's PSI; every decimal of 15 digits survives the round trip exactly.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === "bigint"
        ? v.toString()
        : typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)
          ? Number(v.toPrecision(15))
          : v,
    ),
  );
}

// Keys repeat across thousands of decisions: quote each once.
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

// The order JSON.stringify gives an object built from sorted keys: JavaScript lists integer-like
// keys ("9", "10") first, in numeric order, then the rest as inserted (here: sorted).
const INDEX_KEY = /^(0|[1-9]\d{0,9})$/;
function keyOrder(keys: string[]): string[] {
  const sorted = keys.sort();
  const index = sorted.filter((k) => INDEX_KEY.test(k) && Number(k) < 4_294_967_295);
  if (index.length === 0) return sorted;
  const indexSet = new Set(index);
  return [...index.sort((a, b) => Number(a) - Number(b)), ...sorted.filter((k) => !indexSet.has(k))];
}

/** The reference form canonicalJson() must equal (kept for the test that checks it does). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
