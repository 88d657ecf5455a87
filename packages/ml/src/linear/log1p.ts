// log(1 + x) for x in [0, 1] as fdlibm's log1p computes it, in one branch-free path, for the
// logistic loss: the WebAssembly kernel (wasm/math.ts, log1pUnitX2) runs the same operations in
// the same order on two rows at a time, so both give the same bits (Math.log1p's own code cannot
// be shared with it). u = 1 + x; above √2 it is halved (k = 1) so f = u/2 − 1 lies in
// [√2/2 − 1, √2 − 1], where log(1 + f) = f − (f²/2 − s(f²/2 + R(s²))) with s = f/(2 + f) and R
// fdlibm's polynomial; c corrects for the rounding of 1 + x. Within an ulp of Math.log1p.
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const LG1 = 6.666666666666735e-1;
const LG2 = 3.999999999940942e-1;
const LG3 = 2.857142874366239e-1;
const LG4 = 2.2222198432149784e-1;
const LG5 = 1.818357216161805e-1;
const LG6 = 1.5313837699209373e-1;
const LG7 = 1.4798198605116586e-1;

export function log1pUnit(x: number): number {
  const u = 1 + x;
  const big = u > Math.SQRT2;
  const k = big ? 1 : 0;
  const f = big ? u * 0.5 - 1 : x;
  const c = big ? (x - (u - 1)) / u : 0;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + (t2 + t1)) + (k * LN2_LO + c)) - f);
}

/**
 * log(x) for x ≥ 1 (the multinomial loss's sum of exponentials, between 1 and the class count):
 * x = 2^e·m with m in [1, 2) by exact halvings, then e·ln 2 + log1p(m − 1). The WebAssembly
 * kernel's logAboveOne (wasm/linear.ts) does the same, so both give the same bits.
 */
export function logAboveOne(x: number): number {
  let e = 0;
  let m = x;
  while (m >= 2) {
    m *= 0.5;
    e += 1;
  }
  return e * Math.LN2 + log1pUnit(m - 1);
}
