// Gradients rounded to a power-of-two grid, so every histogram sum is exact in float64 and does not
// depend on the order of addition: the same model comes out whether one thread summed the rows or
// several summed parts of them. (Floating-point addition is not associative; sums of multiples of
// 2^-k below 2^(53-k) are.) 20 bits below the largest gradient costs no measurable accuracy.
const BITS = 20;

/** Rounds gh's gradients and hessians (each on its own grid) in place for rows 0..n-1. */
export function quantizeGradients(gh: Float32Array, n: number): void {
  let maxG = 0;
  let maxH = 0;
  for (let i = 0; i < n; i++) {
    const g = Math.abs(gh[2 * i] as number);
    const h = Math.abs(gh[2 * i + 1] as number);
    if (g > maxG) maxG = g;
    if (h > maxH) maxH = h;
  }
  roundToGrids(gh, n, gridScale(maxG), gridScale(maxH));
}

/**
 * Rounds rows 0..n-1 of gh in place to the grids of scales gs and hs (gridScale's powers of two):
 * what the WebAssembly gradient kernels (wasm/gradients.ts) compute in the same pass as the gradients.
 */
export function roundToGrids(gh: Float32Array, n: number, gs: number, hs: number): void {
  // Powers of two: multiplying by the reciprocal is exact, and cheaper than dividing per row.
  // floor(x + 0.5), not Math.round: the WebAssembly kernel (wasm/fitting.ts) rounds the same way.
  const gStep = 1 / gs;
  const hStep = 1 / hs;
  for (let i = 0; i < n; i++) {
    gh[2 * i] = Math.floor((gh[2 * i] as number) * gs + 0.5) * gStep;
    // A hessian never rounds to zero: leaves divide by it.
    const h = Math.floor((gh[2 * i + 1] as number) * hs + 0.5) * hStep;
    gh[2 * i + 1] = h > 0 ? h : hStep;
  }
}

/** The power of two that maps `max` to just below 2^BITS (values stay exact in float32). */
export function gridScale(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  return 2 ** (BITS - Math.ceil(Math.log2(max)));
}

/**
 * binary:logistic gradients of rows 0..n-1, rounded to their grids in the same pass (fit-arena.ts;
 * on one thread or several, tree/parallel-fit.ts): `pass` runs it with the grid scales it is given
 * and returns the largest |g| and h. The grids are
 * quantizeGradients's (from those largest values), known only after the pass: it runs with the
 * last round's, and again on a round whose values call for others (so the gradients are exactly
 * those of computing, then quantizing). With 0/1 labels the largest |g| is in (0.5, 1] and h in
 * (0.125, 0.25] until the model is sure of every row, so a second pass is rare.
 */
export function expectingGrids(pass: (n: number, gScale: number, hScale: number) => [maxG: number, maxH: number]) {
  let gs = gridScale(1);
  let hs = gridScale(0.25);
  return (n: number) => {
    const [maxG, maxH] = pass(n, gs, hs);
    if (gridScale(maxG) === gs && gridScale(maxH) === hs) return;
    gs = gridScale(maxG);
    hs = gridScale(maxH);
    pass(n, gs, hs);
  };
}
