import { GbdtParamsSchema } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import type { GbdtModel } from "../gbdt/model.ts";
import { createPredictor } from "../model/model.ts";
import { trainModel } from "../train-model.ts";
import {
  CATEGORY_FLOOR_ROWS,
  type CategoryRegularization,
  categoricalSplit,
  categoryFloor,
  NO_CATEGORY_REGULARIZATION,
  treeCategoryRegularization,
} from "./categorical-split.ts";

// Boosting's defaults, as a fit passes them to the split finder.
const defaults = GbdtParamsSchema.parse({});
const BOOSTING: CategoryRegularization = {
  smooth: defaults.categorySmoothing,
  categoryL2: defaults.categoryL2,
  minCategoryHessian: defaults.minCategoryWeight,
  groupRows: defaults.categoryGroupRows,
  maxCategories: defaults.maxSplitCategories,
};

// The split finder against a plain reference: categories with enough hessian sorted by
// G/(H + l2 + smooth) with a comparator (exact ties by bin, reversed below zero, as the finder's
// keys order them), every set of the first k (and, with a limit, the last k) up to the limit tried
// whose rows reach a group beyond the last set tried and leave a group on the right, with
// categoryL2 more L2 in the gain. Bin 0 (missing) always goes right. A bin's rows are its hessian ×
// rowsPerHessian.
function reference(hist: Float64Array, nb: number, l2: number, minH: number, r: CategoryRegularization, rowsPerHessian: number) {
  let G = 0;
  let H = 0;
  for (let b = 0; b < nb; b++) {
    G += hist[2 * b] as number;
    H += hist[2 * b + 1] as number;
  }
  const parent = (G * G) / (H + l2);
  const rows = H * rowsPerHessian;
  const bins = [];
  for (let b = 1; b < nb; b++) if ((hist[2 * b + 1] as number) >= Math.max(minH, r.minCategoryHessian)) bins.push(b);
  const ratio = (b: number) => (hist[2 * b] as number) / ((hist[2 * b + 1] as number) + l2 + r.smooth);
  bins.sort((a, b) => ratio(a) - ratio(b) || (ratio(a) < 0 ? b - a : a - b));
  const most = r.maxCategories > 0 ? Math.min(r.maxCategories, Math.floor((bins.length + 1) / 2)) : bins.length - 1;
  let best = Number.NEGATIVE_INFINITY;
  for (const order of r.maxCategories > 0 ? [bins, bins.slice().reverse()] : [bins]) {
    let rowsTried = 0;
    for (let k = 1; k <= Math.min(most, bins.length - 1); k++) {
      const set = order.slice(0, k);
      const gl = set.reduce((sum, b) => sum + (hist[2 * b] as number), 0);
      const hl = set.reduce((sum, b) => sum + (hist[2 * b + 1] as number), 0);
      if (hl < minH) continue;
      if (H - hl < minH || rows - hl * rowsPerHessian < r.groupRows) break;
      if (hl * rowsPerHessian - rowsTried < r.groupRows) continue;
      rowsTried = hl * rowsPerHessian;
      best = Math.max(best, (gl * gl) / (hl + l2 + r.categoryL2) + ((G - gl) * (G - gl)) / (H - hl + l2 + r.categoryL2) - parent);
    }
  }
  return { G, H, rows, parent, best };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("categoricalSplit", () => {
  it.each([
    ["unregularized", NO_CATEGORY_REGULARIZATION],
    ["regularized as boosting is by default (a 20k-row tree's)", treeCategoryRegularization(BOOSTING, 5_000, 20_000)],
    ["with boosting's group of rows and limit alone", { ...NO_CATEGORY_REGULARIZATION, groupRows: 100, maxCategories: 32 }],
  ] as const)("finds the best set from an end of the ratio order, %s, on random histograms with tied and zero ratios", (_, reg) => {
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = random(seed);
      const nb = 2 + Math.floor(r() * 255);
      const hist = new Float64Array(2 * nb);
      for (let b = 0; b < nb; b++) {
        // Hessians up to 9.75, or up to 78 when categories need 20 to count.
        const h = Math.floor(r() * 40) * (reg.minCategoryHessian > 0 ? 2 : 0.25);
        // A quarter of the categories share one of three gradient/hessian ratios exactly.
        const tied = r() < 0.25 ? [-0.5, 0, 0.5][Math.floor(r() * 3)] : null;
        hist[2 * b] = tied === null ? (r() - 0.45) * h : (tied as number) * (h + 1);
        hist[2 * b + 1] = h;
      }
      // Two rows per unit of hessian: every count exact in float64, as the reference compares them.
      const { G, H, rows, parent, best } = reference(hist, nb, 1, 1, reg, 2);
      const s = categoricalSplit(hist, 0, nb, G, H, rows, 1, 1, parent, reg);
      if (best === Number.NEGATIVE_INFINITY) {
        expect(s, `seed ${seed}`).toBeNull();
        continue;
      }
      expect(s, `seed ${seed}`).not.toBeNull();
      expect(s?.gain).toBeCloseTo(best, 9);
      // The returned set really has the statistics and the gain it claims.
      let gl = 0;
      let hl = 0;
      expect(s?.leftBins.length).toBeLessThanOrEqual(reg.maxCategories || nb);
      for (const b of s?.leftBins ?? []) {
        expect(b).toBeGreaterThan(0);
        expect(hist[2 * b + 1]).toBeGreaterThanOrEqual(1);
        gl += hist[2 * b] as number;
        hl += hist[2 * b + 1] as number;
      }
      expect(gl).toBeCloseTo(s?.gl as number, 9);
      expect(hl).toBeCloseTo(s?.hl as number, 9);
      expect((gl * gl) / (hl + 1 + reg.categoryL2) + ((G - gl) * (G - gl)) / (H - hl + 1 + reg.categoryL2) - parent).toBeCloseTo(best, 9);
      found++;
    }
    // Most seeds have a split to check.
    expect(found).toBeGreaterThan(150);
  });

  it("returns nothing when fewer than two categories have enough hessian", () => {
    const hist = Float64Array.from([0, 5, 3, 4, -2, 0.5, 1, 0.25]);
    expect(categoricalSplit(hist, 0, 4, 2, 9.75, 9.75, 1, 1, 0.4, NO_CATEGORY_REGULARIZATION)).toBeNull();
  });
});

describe("the hessian a category needs, by the tree's size", () => {
  it("is the parameter on mid-sized trees, at most 1/500 of a small tree's, and none from CATEGORY_FLOOR_ROWS rows", () => {
    expect(categoryFloor(20, 2_500, 10_000)).toBeCloseTo(5 * 0.9, 12);
    expect(categoryFloor(20, 12_500, 50_000)).toBeCloseTo(10, 12);
    expect(categoryFloor(20, 20_000, CATEGORY_FLOOR_ROWS)).toBe(0);
    expect(categoryFloor(20, 60_000, 3 * CATEGORY_FLOOR_ROWS)).toBe(0);
  });

  it("lets a large fit learn a rare category's effect, which a fixed floor of 20 would lump with the rest", () => {
    // 120k rows: shop 49 has 60 rows (a hessian near 10), all positive; the other shops 20%.
    const n = 120_000;
    const r = random(7);
    const shop = new Float32Array(n);
    const noise = new Float32Array(n);
    const label = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      shop[i] = i % 2_000 === 0 ? 49 : Math.floor(r() * 49);
      noise[i] = r();
      label[i] = shop[i] === 49 || r() < 0.2 ? 1 : 0;
    }
    const data = {
      rows: n,
      features: [
        { name: "shop", kind: "categorical" as const, categories: Array.from({ length: 50 }, (_, c) => `s${c}`) },
        { name: "noise", kind: "numeric" as const },
      ],
      columns: [shop, noise],
      label,
    };
    const p = (params: object) => createPredictor(trainModel("gbdt", "binary", data, { numTrees: 30, ...params }))([49, 0.5])[0] as number;
    // With the floor of 20 at any size, shop 49 goes right with the others and scores about 0.21.
    expect(p({})).toBeGreaterThan(0.6);
  });
});

describe("a tree's categorical regularization, by its rows", () => {
  it("sends at most 4 categories left on small trees, in proportion more on larger ones (32 at 200k rows)", () => {
    const limit = (rows: number, r = BOOSTING) => treeCategoryRegularization(r, rows / 4, rows).maxCategories;
    expect([10_000, 20_000, 50_000, 100_000, 200_000, 3_000_000].map((rows) => limit(rows))).toEqual([4, 4, 8, 16, 32, 480]);
    // A limit the fit sets is every tree's, however many rows.
    expect(limit(20_000, { ...BOOSTING, maxCategories: 2 })).toBe(2);
    expect(limit(3_000_000, { ...BOOSTING, maxCategories: 32 })).toBe(32);
    // The group of rows fades as the hessian floor does.
    expect([10_000, 50_000, 100_000].map((rows) => treeCategoryRegularization(BOOSTING, rows / 4, rows).groupRows)).toEqual([90, 50, 0]);
  });

  it("keeps a small fit's category sets to that limit, from either end of the order", () => {
    // 12k rows, 60 stores with effects spread both ways: unlimited, splits send many stores left.
    const n = 12_000;
    const r = random(11);
    const store = new Float32Array(n);
    const label = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      store[i] = Math.floor(r() * 60);
      label[i] = r() < 1 / (1 + Math.exp(-((store[i] as number) - 30) / 8)) ? 1 : 0;
    }
    const data = {
      rows: n,
      features: [{ name: "store", kind: "categorical" as const, categories: Array.from({ length: 60 }, (_, c) => `s${c}`) }],
      columns: [store],
      label,
    };
    const trees = (params: object) => (trainModel("gbdt", "binary", data, { numTrees: 20, ...params }) as GbdtModel).trees;
    const sets = (params: object) => trees(params).flatMap((t) => t.categories.filter((c) => c !== null));
    const limited = sets({});
    expect(limited.length).toBeGreaterThan(20);
    expect(Math.max(...limited.map((c) => c.length))).toBeLessThanOrEqual(4);
    // Roots, which see every store, send left the lowest rates' stores or the highest's (from the
    // high end of the order, which one scan from the low end never tried).
    const roots = trees({}).map((t) => t.categories[0] as number[]);
    expect(roots.some((c) => c.every((code) => code >= 40))).toBe(true);
    expect(roots.some((c) => c.every((code) => code < 20))).toBe(true);
    // Without the limit, sets are longer.
    expect(Math.max(...sets({ maxSplitCategories: 65_535, categoryGroupRows: 0 }).map((c) => c.length))).toBeGreaterThan(4);
  });
});
