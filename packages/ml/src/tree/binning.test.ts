import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { sortSingles } from "./binning.ts";

describe("sortSingles", () => {
  it("orders single-precision values as the native sort does: negatives, -0 before 0, ties, infinities", () => {
    const r = rng(9);
    const special = [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -1e-45, 3.4e38, -3.4e38].map(Math.fround);
    const values = Float64Array.from({ length: 60_000 }, (_, i) =>
      i % 97 === 0 ? (special[i % special.length] as number) : Math.fround((r() - 0.5) * 10 ** Math.floor(r() * 12 - 6)),
    );
    // Repeated values, as real columns have (ages, counts, codes).
    for (let i = 0; i < values.length; i += 7) values[i] = Math.fround(Math.floor((values[i] as number) * 3));
    const expected = Float64Array.from(values).sort();
    const actual = sortSingles(Float64Array.from(values));
    expect(Array.from(actual, (v) => Object.is(v, -0))).toEqual(Array.from(expected, (v) => Object.is(v, -0)));
    expect(actual).toEqual(expected);
    expect(actual[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});
