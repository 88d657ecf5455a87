// A fit's arena with room for feature bundles, when that room does not fit in memory, is made
// without it (the fit then builds from unbundled columns) rather than the fit losing its arena.
// A finished fit's memory serves the next fit, which finds it as a new memory would be.
import { expect, it } from "vitest";
import { planArena } from "./arena-layout.ts";
import { fitBinning } from "./binning.ts";
import { fitArenaFor, prepareFitMemory } from "./fit-arena.ts";

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

it("gives a released arena's memory to the next arena that fits in it, as a new memory would be, once", () => {
  const plain = { ...sizes, bundledColumns: null };
  const fresh = fitArenaFor(binning, plain);
  const bigger = {
    ...data,
    rows: 3 * n,
    columns: data.columns.map((c) => Float64Array.from({ length: 3 * n }, (_, i) => c[i % n] as number)),
  };
  const used = fitArenaFor(fitBinning(bigger, 255), { ...plain, n: 3 * n });
  if (!fresh || !used) throw new Error("WebAssembly arenas are expected here");
  // A finished fit leaves anything anywhere.
  new Uint8Array(used.memory.buffer).fill(0xab);
  used.release();

  const next = fitArenaFor(binning, plain);
  expect(next?.memory).toBe(used.memory);
  const { bytes } = planArena(binning, plain);
  const start = (arena: ReturnType<typeof fitArenaFor>) => Buffer.from(arena?.memory.buffer as SharedArrayBuffer, 0, bytes);
  expect(Buffer.compare(start(next), start(fresh))).toBe(0);

  // Released, it is taken again; `used` released a second time (a bug) must not offer what another holds.
  next?.release();
  expect(fitArenaFor(binning, plain)?.memory).toBe(used.memory);
  used.release();
  expect(fitArenaFor(binning, plain)?.memory).not.toBe(used.memory);
});

it("does not give a released memory to an arena that needs more", () => {
  const plain = { ...sizes, bundledColumns: null };
  const small = fitArenaFor(binning, plain);
  small?.release();
  const more = fitArenaFor(binning, { ...plain, histogramSlots: 40 });
  expect(more).not.toBeNull();
  expect(more?.memory).not.toBe(small?.memory);
});

it("gives memory made ready ahead (a process waiting for its job) to the next arena, as a new memory would be", () => {
  const plain = { ...sizes, bundledColumns: null };
  const { bytes } = planArena(binning, plain);
  prepareFitMemory(4 << 20);
  const ready = fitArenaFor(binning, plain);
  expect(ready?.memory.buffer.byteLength).toBe(4 << 20);
  const fresh = fitArenaFor(binning, plain);
  expect(fresh?.memory.buffer.byteLength).toBeLessThan(4 << 20);
  const start = (arena: ReturnType<typeof fitArenaFor>) => Buffer.from(arena?.memory.buffer as SharedArrayBuffer, 0, bytes);
  expect(Buffer.compare(start(ready), start(fresh))).toBe(0);
});
