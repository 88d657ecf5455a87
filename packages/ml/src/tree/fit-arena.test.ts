// A fit's arena with room for feature bundles, when that room does not fit in memory, is made
// without it (the fit then builds from unbundled columns) rather than the fit losing its arena.
import { expect, it } from "vitest";
import { planArena } from "./arena-layout.ts";
import { fitBinning } from "./binning.ts";
import { fitArenaFor } from "./fit-arena.ts";

const n = 2_000;
const data = {
  rows: n,
  features: ["a", "b", "c"].map((name) => ({ name, kind: "numeric" as const })),
  columns: [0, 1, 2].map((f) => Float64Array.from({ length: n }, (_, i) => ((i * (f + 3)) % 97) / 7)),
  label: new Float64Array(n),
};
const binning = fitBinning(data, 255);
const sizes = { n, K: 1, helpers: 0, batch: 1, histogramSlots: 9, bundledColumns: 2 };

it("makes the arena with room for bundles when it fits, without when only that fits, else none", () => {
  const withRoom = planArena(binning, sizes).bytes;
  const without = planArena(binning, { ...sizes, bundledColumns: null }).bytes;
  expect(withRoom).toBeGreaterThan(without);

  const roomy = fitArenaFor(binning, { ...sizes, maxBytes: withRoom });
  expect(roomy?.bundleRoom?.columns).toBe(2);

  const tight = fitArenaFor(binning, { ...sizes, maxBytes: withRoom - 1 });
  expect(tight).not.toBeNull();
  expect(tight?.bundleRoom).toBeNull();
  expect(tight?.bins.length).toBe(n * 3);

  expect(fitArenaFor(binning, { ...sizes, maxBytes: without - 1 })).toBeNull();
});
