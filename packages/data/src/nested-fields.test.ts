import { describe, expect, it } from "vitest";
import { structFields } from "./nested-fields.ts";

describe("structFields", () => {
  it("reads a STRUCT type's fields as DuckDB writes them: quoted names, nested and parameterized types", () => {
    expect(
      structFields(
        'STRUCT("first name" VARCHAR, "b""q" BIGINT, n STRUCT(d DOUBLE, "x, (y)" DECIMAL(18,3)), m BIGINT[], "dec" STRUCT(x BIGINT))',
      ),
    ).toEqual([
      { name: "first name", type: "VARCHAR" },
      { name: 'b"q', type: "BIGINT" },
      { name: "n", type: 'STRUCT(d DOUBLE, "x, (y)" DECIMAL(18,3))' },
      { name: "m", type: "BIGINT[]" },
      { name: "dec", type: "STRUCT(x BIGINT)" },
    ]);
    expect(structFields("STRUCT(a MAP(VARCHAR, INTEGER), b VARCHAR)")).toEqual([
      { name: "a", type: "MAP(VARCHAR, INTEGER)" },
      { name: "b", type: "VARCHAR" },
    ]);
  });
});
