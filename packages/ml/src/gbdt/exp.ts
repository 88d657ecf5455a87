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

// e^x in single precision for the boosting's logistic gradients (float32 anyway): Cephes' expf,
// as the WebAssembly kernel computes it in four lanes (wasm/math.ts gradientExp32X4); every
// operation is rounded to float32 (Math.fround) exactly where the kernel's f32 arithmetic rounds.
// x = k ln2 + r with |r| <= ln2/2 (ln2 in two parts, the first exact times k), a degree-7
// polynomial for e^r, times 2^k. x is clamped to [-80, 80] so that 1 / (1 + e^x) stays a normal
// float32. Within about an ulp of float32.
const f = Math.fround;
const LOG2E_32 = f(Math.LOG2E);
const LN2_HI_32 = f(0.693359375);
const LN2_LO_32 = f(-2.1219444e-4);
const Q0 = f(1.98756915e-4);
const Q1 = f(1.3981999507e-3);
const Q2 = f(8.3334519073e-3);
const Q3 = f(4.1665795894e-2);
const Q4 = f(1.6666665459e-1);
const Q5 = f(5.0000001201e-1);
const ROUND = 1.5 * 2 ** 52;

/** 2^k for k in [-127, 127], at POW2_32[k + 127] (Math.pow per row was a third of this function's time). */
const POW2_32 = Float64Array.from({ length: 255 }, (_, i) => 2 ** (i - 127));

/** e^x for a float32 x, as a float32. */
export function gradientExp32(x: number): number {
  const v = Math.max(Math.min(x, 80), -80);
  // The nearest integer, halves to the even one, as f32.nearest rounds: adding and taking away 1.5 * 2^52
  // leaves no bits below the point, and the addition rounds as every float addition does.
  const k = f(v * LOG2E_32) + ROUND - ROUND;
  const r = f(f(v - f(k * LN2_HI_32)) - f(k * LN2_LO_32));
  const z = f(r * r);
  let p = f(f(Q0 * r) + Q1);
  p = f(f(p * r) + Q2);
  p = f(f(p * r) + Q3);
  p = f(f(p * r) + Q4);
  p = f(f(p * r) + Q5);
  const y = f(f(f(p * z) + r) + 1);
  return f(y * (POW2_32[k + 127] as number));
}
