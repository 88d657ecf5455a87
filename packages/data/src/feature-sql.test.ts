// The one feature encoding training and batch scoring share, run in DuckDB on the value kinds a
// scoring input can hold: what each becomes decides whether a model scores rows as it learned them.
import { describe, expect, it } from "vitest";
import { withConnection } from "./duckdb.ts";
import { featureKindOf, featureSql, type SqlParams } from "./feature-sql.ts";

async function encode(sql: (params: SqlParams) => string, values: string) {
  const params: SqlParams = { values: [], types: [] };
  const expr = sql(params);
  return withConnection(async (c) => {
    const result = await c.runAndReadAll(
      `SELECT ${expr} AS v FROM (VALUES ${values}) t(x) `,
      params.values as never,
      params.types as never,
    );
    return result.getRowObjectsJS().map((r) => r.v);
  });
}

describe("feature encoding in SQL", () => {
  it("gives categories their code in the model's list, and a value outside it or missing as missing", async () => {
    const sql = (p: SqlParams) => featureSql({ name: "x", kind: "categorical", categories: ["No", "Yes"] }, "string", p);
    expect(await encode(sql, "('Yes'), ('No'), ('Maybe'), (NULL)")).toEqual([1, 0, null, null]);
  });

  it("reads numbers and booleans as doubles and dates as epoch milliseconds", async () => {
    const number = (p: SqlParams) => featureSql({ name: "x", kind: "numeric" }, "float", p);
    expect(await encode(number, "(1.5), (-2.0), (NULL)")).toEqual([1.5, -2, null]);
    const flag = (p: SqlParams) => featureSql({ name: "x", kind: "numeric" }, "boolean", p);
    expect(await encode(flag, "(true), (false)")).toEqual([1, 0]);
    const date = (p: SqlParams) => featureSql({ name: "x", kind: "numeric" }, "date", p);
    expect(await encode(date, "(DATE '2024-01-02')")).toEqual([Date.UTC(2024, 0, 2)]);
  });

  it("reads text where the model learned numbers as the numbers it holds, anything else as missing", async () => {
    const sql = (p: SqlParams) => featureSql({ name: "x", kind: "numeric" }, "string", p);
    expect(await encode(sql, "('12.5'), ('NA'), (''), (NULL)")).toEqual([12.5, null, null, null]);
  });

  it("makes numbers, booleans and dates numeric features and everything else categories", () => {
    expect(["integer", "float", "boolean", "date", "timestamp"].map((t) => featureKindOf(t as never))).toEqual(Array(5).fill("numeric"));
    expect(featureKindOf("string")).toBe("categorical");
    expect(featureKindOf("other")).toBe("categorical");
  });
});
