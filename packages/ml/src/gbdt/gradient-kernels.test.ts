// The fit arena's gradient passes (wasm/gradients.ts: gradients and their rounding to the grids in
// one pass, the rounding in f32) against their JavaScript twins, objectives.ts's gradients then
// quantize.ts's rounding in f64: the same bits for every row, on grids that leave many products
// exactly halfway between two grid points (where rounding in f32 could go the other way).
import { describe, expect, it } from "vitest";
import { fitBinning } from "../tree/binning.ts";
import { createFitArena } from "../tree/fit-arena.ts";
import { gradientsFor } from "./objectives.ts";
import { roundToGrids } from "./quantize.ts";

// Not a multiple of four: the kernel's last rows go one at a time.
const n = 40_003;
const scores = Float64Array.from({ length: n }, (_, i) =>
  // Scores across the clamp at ±80, dense near 0 where most of a fit's rows are, and exact integers.
  i % 7 === 0 ? Math.round(Math.sin(i) * 20) : i % 5 === 0 ? Math.sin(i * 1.3) * 120 : Math.sin(i * 0.7) * 6,
);
const label = Float64Array.from({ length: n }, (_, i) => (Math.cos(i * 0.9) > 0.2 ? 1 : 0));

function arenaPass(gScale: number, hScale: number) {
  const data = { rows: n, features: [{ name: "x", kind: "numeric" as const }], columns: [new Float32Array(n)], label };
  const arena = createFitArena(fitBinning(data), { n, K: 1, helpers: 0, batch: 1, histogramSlots: 1 });
  if (!arena) throw new Error("no fit arena (the WebAssembly kernels did not load)");
  arena.scores.set(scores);
  arena.label.set(label);
  const maxima = arena.gradients({ kind: "logistic", gScale, hScale }, 0, n);
  return { gh: arena.gh.slice(0, 2 * n), maxima };
}

function javascriptPass(gScale: number, hScale: number) {
  const gh = new Float32Array(2 * n);
  gradientsFor("binary:logistic", 1).compute(scores, label, gh, 0, 1, n);
  let maxG = 0;
  let maxH = 0;
  for (let i = 0; i < n; i++) {
    maxG = Math.max(maxG, Math.abs(gh[2 * i] as number));
    maxH = Math.max(maxH, gh[2 * i + 1] as number);
  }
  roundToGrids(gh, n, gScale, hScale);
  return { gh, maxima: [maxG, maxH] };
}

/** How many of two float32 arrays' values differ in any bit (-0 and 0, or two NaNs, count as they are). */
function differingBits(a: Float32Array, b: Float32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let differing = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) differing++;
  return differing;
}

describe("logistic gradients, WebAssembly and JavaScript", () => {
  it.each([
    ["the usual grids (|g| ≤ 1, h ≤ 0.25)", 2 ** 20, 2 ** 22],
    // |g| in [0.5, 1) times 2^23 has a last bit worth 0.5: half of those rows are ties.
    ["grids where g × scale has halves (ties)", 2 ** 23, 2 ** 25],
    ["grids coarser than expected (values past 2^20 grid steps)", 2 ** 24, 2 ** 26],
    ["grids finer than expected", 2 ** 4, 2 ** 6],
    // Scales past 2^100 are not f32 numbers: the kernel rounds in f64 instead.
    ["grids too fine for f32 (rounded in f64)", 2 ** 110, 2 ** 22],
  ])("%s: the same bits for every row, and the same largest values", (_, gScale, hScale) => {
    const wasm = arenaPass(gScale, hScale);
    const js = javascriptPass(gScale, hScale);
    expect(differingBits(wasm.gh, js.gh)).toBe(0);
    expect(wasm.maxima).toEqual(js.maxima);
  });

  it("ties really occur on the 2^23 grid (the case the f32 rounding must get right)", () => {
    const gh = new Float32Array(2 * n);
    gradientsFor("binary:logistic", 1).compute(scores, label, gh, 0, 1, n);
    let ties = 0;
    for (let i = 0; i < n; i++) {
      const y = (gh[2 * i] as number) * 2 ** 23;
      if (y - Math.floor(y) === 0.5) ties++;
    }
    expect(ties).toBeGreaterThan(1000);
  });
});

describe("multi:softmax gradients, WebAssembly and JavaScript", () => {
  // The kernel takes rows four at a time (one per f32x4 lane) and the last 1–3 alone; the scores
  // are by class, as a fit stores them.
  it.each([
    [3, 20_001],
    [4, 20_002],
    [7, 20_003],
    [59, 1_001],
  ])("%i classes, %i rows: the same bits for every row and class, and probabilities within 1e-6 of e^s / Σ e^s", (K, rows) => {
    // Rows of near-equal scores, of one class far ahead (differences past the clamp at -80), and exact integers.
    const s = Float64Array.from({ length: rows * K }, (_, j) =>
      j % 11 === 0 ? Math.round(Math.sin(j) * 9) : j % 13 === 0 ? Math.sin(j * 1.7) * 150 : Math.sin(j * 0.37) * 4,
    );
    const y = Float64Array.from({ length: rows }, (_, i) => i % K);
    const data = { rows, features: [{ name: "x", kind: "numeric" as const }], columns: [new Float32Array(rows)], label: y };
    const arena = createFitArena(fitBinning(data), { n: rows, K, helpers: 0, batch: 1, histogramSlots: 1 });
    if (!arena) throw new Error("no fit arena (the WebAssembly kernels did not load)");
    arena.scores.set(s);
    arena.label.set(y);
    arena.gradients({ kind: "softmaxRows" }, 0, rows);
    const objective = gradientsFor("multi:softmax", 1);
    let worst = 0;
    for (let k = 0; k < K; k++) {
      arena.gradients({ kind: "softmax", k, gScale: 2 ** 20, hScale: 2 ** 21 }, 0, rows);
      const js = new Float32Array(2 * rows);
      objective.compute(s, y, js, k, K, rows);
      for (let i = 0; i < rows; i++) {
        const p = (js[2 * i] as number) + (y[i] === k ? 1 : 0);
        let sum = 0;
        for (let c = 0; c < K; c++) sum += Math.exp((s[c * rows + i] as number) - (s[k * rows + i] as number));
        worst = Math.max(worst, Math.abs(p - 1 / sum));
      }
      roundToGrids(js, rows, 2 ** 20, 2 ** 21);
      expect(differingBits(arena.gh.subarray(0, 2 * rows), js), `class ${k}`).toBe(0);
    }
    expect(worst).toBeLessThan(1e-6);
    expect(worst).toBeGreaterThan(0);
  });
});
