// e^x for the logistic gradients and logistic regression's loss, as fdlibm computes it (the
// algorithm behind V8's Math.exp, in one branch-free path): x = k ln2 + r with |r| <= ln2/2, a
// rational approximation of e^r, then a multiplication by the exact power of two 2^k. The
// WebAssembly kernels' copy (wasm/math.ts, used by wasm/fitting.ts and wasm/linear.ts) runs the
// same operations in the same order, so both give identical bits and every fitting kernel grows
// the same trees; Math.exp's own code cannot be shared with it.
// Accurate to within an ulp or so; x is clamped to [-708, 708], where 2^k stays a normal number.
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 6.613756321437934e-5;
const P4 = -1.6533902205465252e-6;
const P5 = 4.1381367970572385e-8;

/** 2^k for k in [-1022, 1023], at POW2[k + 1022]. */
const POW2 = Float64Array.from({ length: 2046 }, (_, i) => 2 ** (i - 1022));

export function gradientExp(x: number): number {
  const v = x < -708 ? -708 : x > 708 ? 708 : x;
  // Nearest integer to v / ln2, rounding halves away from zero (truncation of v/ln2 ± 0.5).
  const k = Math.trunc(v * INV_LN2 + (v < 0 ? -0.5 : 0.5));
  const hi = v - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * (POW2[k + 1022] as number);
}
