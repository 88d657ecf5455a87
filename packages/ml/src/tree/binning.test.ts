import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { binOf, binRows, fitBinning, radixSortSingles, sortSingles } from "./binning.ts";
import { createFitArena } from "./fit-arena.ts";

describe.each([
  ["WebAssembly (binning-wasm.ts)", sortSingles],
  ["JavaScript", radixSortSingles],
])("sortSingles, %s", (_, sort) => {
  it("orders single-precision values as the native sort does: negatives, -0 before 0, ties, infinities", () => {
    const r = rng(9);
    const special = [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -1e-45, 3.4e38, -3.4e38].map(Math.fround);
    const values = Float64Array.from({ length: 60_000 }, (_, i) =>
      i % 97 === 0 ? (special[i % special.length] as number) : Math.fround((r() - 0.5) * 10 ** Math.floor(r() * 12 - 6)),
    );
    // Repeated values, as real columns have (ages, counts, codes).
    for (let i = 0; i < values.length; i += 7) values[i] = Math.fround(Math.floor((values[i] as number) * 3));
    const expected = Float64Array.from(values).sort();
    const actual = sort(Float64Array.from(values));
    expect(Array.from(actual, (v) => Object.is(v, -0))).toEqual(Array.from(expected, (v) => Object.is(v, -0)));
    expect(actual).toEqual(expected);
    expect(actual[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe.each([
  ["in WebAssembly (a fit arena's kernels)", true],
  ["in JavaScript", false],
])("binRows %s", (_, inArena) => {
  // The edges are values of the column, so many values sit exactly on an edge.
  it("puts every value in binOf's bin: missing, infinities, values on edges, few distinct values, 254 edges", () => {
    const r = rng(4);
    const n = 30_000;
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0];
    const wide = Float32Array.from({ length: n }, (_, i) => (i % 101 === 0 ? (special[i % 5] as number) : (r() - 0.5) * 1e3));
    const few = Float32Array.from({ length: n }, (_, i) => (i % 13 === 0 ? Number.NaN : Math.floor(r() * 5)));
    const f64 = Float64Array.from({ length: n }, () => r() ** 3);
    const data = {
      rows: n,
      features: ["wide", "few", "f64"].map((name) => ({ name, kind: "numeric" as const })),
      columns: [wide, few, f64],
      label: new Float64Array(n),
    };
    const binning = fitBinning(data, 255);
    expect(binning.edges.map((e) => e.length)).toEqual([254, 4, 254]);
    const arena = inArena ? createFitArena(binning, { n, K: 0, helpers: 0, batch: 1, histogramSlots: 1 }) : null;
    if (inArena) expect(arena).not.toBeNull();
    const binned = binRows(data, binning, arena);
    if (arena) expect(binned.bins.buffer).toBe(arena.bins.buffer);
    data.columns.forEach((column, f) => {
      const expected = Array.from(column, (v) => binOf(binning.edges[f] as Float64Array, v));
      expect(Array.from(binned.byFeature.subarray(f * n, (f + 1) * n))).toEqual(expected);
      expect(Array.from({ length: n }, (_, i) => binned.bins[i * 3 + f])).toEqual(expected);
    });
  });

  it("puts category codes in code + 1, missing ones in 0, codes past the last bin in the last", () => {
    const n = 5_000;
    // 300 codes seen in f32 (only 254 get bins of their own), 12 in f64 with a table of 12 names.
    const many = Float32Array.from({ length: n }, (_, i) => (i % 17 === 0 ? Number.NaN : (i * 7) % 300));
    const few = Float64Array.from({ length: n }, (_, i) => (i % 29 === 0 ? Number.NaN : i % 12));
    const data = {
      rows: n,
      features: [
        { name: "airport", kind: "categorical" as const },
        { name: "carrier", kind: "categorical" as const, categories: Array.from({ length: 12 }, (_, c) => `C${c}`) },
      ],
      columns: [many, few],
      label: new Float64Array(n),
    };
    const binning = fitBinning(data, 255);
    expect(Array.from(binning.numBins)).toEqual([255, 13]);
    const arena = inArena ? createFitArena(binning, { n, K: 0, helpers: 0, batch: 1, histogramSlots: 1 }) : null;
    const binned = binRows(data, binning, arena);
    const expected = [many, few].map((column, f) =>
      Array.from(column, (v) => (Number.isNaN(v) ? 0 : Math.min(v + 1, (binning.numBins[f] as number) - 1))),
    );
    expect(expected[0]).toContain(254);
    expected.forEach((bins, f) => {
      expect(Array.from(binned.byFeature.subarray(f * n, (f + 1) * n))).toEqual(bins);
      expect(Array.from({ length: n }, (_, i) => binned.bins[i * 2 + f])).toEqual(bins);
    });
  });
});
