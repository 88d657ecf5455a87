import { describe, expect, it } from "vitest";
import { featureEncoder } from "./feature-row.ts";

const encode = featureEncoder([
  { name: "hour", kind: "numeric" },
  { name: "origin", kind: "categorical", categories: ["ATL", "BOS", "ORD"] },
  { name: "day", kind: "numeric", temporal: true },
]);
const single = () => "";

describe("feature rows", () => {
  it("encodes numbers, categories, dates and nulls", () => {
    const { rows, problems } = encode([{ hour: 9, origin: "BOS", day: "2001-01-02", extra: "ignored" }], single);
    expect(problems).toEqual([]);
    expect(Array.from(rows[0] ?? [])).toEqual([9, 1, Date.UTC(2001, 0, 2)]);
    const missing = encode([{ hour: null, origin: null, day: 0 }], single);
    expect(missing.problems).toEqual([]);
    expect(Number.isNaN(missing.rows[0]?.[0])).toBe(true);
    expect(Number.isNaN(missing.rows[0]?.[1])).toBe(true);
  });

  it("lists every problem of every row with its path", () => {
    const { problems } = encode(
      [{ hour: "nine", origin: "XYZ" }, "not a row", { hour: 1, origin: ["ATL"], day: "soon" }],
      (r) => `rows.${r}`,
    );
    expect(problems).toEqual([
      { path: "rows.0.hour", message: '"hour" must be a number, got a string "nine"' },
      { path: "rows.0.origin", message: 'unknown category "XYZ" for "origin" (the model knows 3, e.g. ATL, BOS, ORD)' },
      { path: "rows.0.day", message: 'missing feature "day" (an ISO date or epoch milliseconds; null for unknown)' },
      { path: "rows.1", message: "each row must be a JSON object of feature values" },
      { path: "rows.2.origin", message: '"origin" must be a category (a string), got an array' },
      { path: "rows.2.day", message: '"day" must be an ISO date such as 2001-05-01, got "soon"' },
    ]);
  });
});
