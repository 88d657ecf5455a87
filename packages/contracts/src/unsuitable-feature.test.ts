import { describe, expect, it } from "vitest";
import { type ColumnProfile, unsuitableFeature } from "./api/datasets.ts";

const column = (type: ColumnProfile["type"], distinct: number, nulls = 0) => ({ name: "c", type, distinct, nulls }) as ColumnProfile;

describe("columns left out of features by default", () => {
  it("flags constants, ID-like text and integers, and text with more categories than training takes", () => {
    expect(unsuitableFeature(column("string", 1), 7043)).toMatch(/^constant/);
    expect(unsuitableFeature(column("string", 7043), 7043)).toBe("ID-like: 7,043 different values in 7,043 rows");
    expect(unsuitableFeature(column("string", 3600, 100), 7043)).toMatch(/^ID-like/);
    expect(unsuitableFeature(column("integer", 7043), 7043)).toMatch(/^ID-like/);
    expect(unsuitableFeature(column("string", 20_000), 250_000)).toMatch(/^too many categories: 20,000/);
  });

  it("keeps ordinary columns: a few categories, numbers with many values, small tables", () => {
    expect(unsuitableFeature(column("string", 3), 7043)).toBeNull();
    expect(unsuitableFeature(column("float", 6531), 7043)).toBeNull();
    expect(unsuitableFeature(column("integer", 72), 7043)).toBeNull();
    expect(unsuitableFeature(column("string", 30), 40)).toBeNull();
  });
});
