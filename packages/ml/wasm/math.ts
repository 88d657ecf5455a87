// AssemblyScript: the math the WebAssembly kernels share (fitting.ts, linear.ts); not a kernel
// itself. Each function does the same operations in the same order as its JavaScript twin, so
// both give the same bits: e^x as src/gbdt/exp.ts, log(1 + x) as src/linear/log1p.ts. The f64x2
// versions run the scalar operations in each lane.
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = 1.4426950408889634;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 6.613756321437934e-5;
const P4: f64 = -1.6533902205465252e-6;
const P5: f64 = 4.1381367970572385e-8;

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
export function gradientExp(x: f64): f64 {
  const v = x < -708 ? -708 : x > 708 ? 708 : x;
  const k = <i64>trunc(v * INV_LN2 + (v < 0 ? -0.5 : 0.5));
  const hi = v - <f64>k * LN2_HI;
  const lo = <f64>k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * reinterpret<f64>((k + 1023) << 52);
}

/** gradientExp in both lanes. */
// @ts-ignore: decorator
@inline
export function gradientExpX2(x: v128): v128 {
  const lo = f64x2.splat(-708);
  const hi = f64x2.splat(708);
  // The clamp as the scalar code writes it: x < -708 ? -708 : x > 708 ? 708 : x.
  const v = v128.bitselect(lo, v128.bitselect(hi, x, f64x2.gt(x, hi)), f64x2.lt(x, lo));
  const half = v128.bitselect(f64x2.splat(-0.5), f64x2.splat(0.5), f64x2.lt(v, f64x2.splat(0)));
  const k = f64x2.trunc(f64x2.add(f64x2.mul(v, f64x2.splat(INV_LN2)), half));
  const rHi = f64x2.sub(v, f64x2.mul(k, f64x2.splat(LN2_HI)));
  const rLo = f64x2.mul(k, f64x2.splat(LN2_LO));
  const r = f64x2.sub(rHi, rLo);
  const t = f64x2.mul(r, r);
  let poly = f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)));
  poly = f64x2.add(f64x2.splat(P3), f64x2.mul(t, poly));
  poly = f64x2.add(f64x2.splat(P2), f64x2.mul(t, poly));
  poly = f64x2.add(f64x2.splat(P1), f64x2.mul(t, poly));
  const c = f64x2.sub(r, f64x2.mul(t, poly));
  const y = f64x2.sub(f64x2.splat(1), f64x2.sub(f64x2.sub(rLo, f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2), c))), rHi));
  const pow2 = i64x2.shl(i64x2.add(i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k)), i64x2.splat(1023)), 52);
  return f64x2.mul(y, pow2);
}

const SQRT2: f64 = 1.4142135623730951;
const LG1: f64 = 6.666666666666735e-1;
const LG2: f64 = 3.999999999940942e-1;
const LG3: f64 = 2.857142874366239e-1;
const LG4: f64 = 2.2222198432149784e-1;
const LG5: f64 = 1.818357216161805e-1;
const LG6: f64 = 1.5313837699209373e-1;
const LG7: f64 = 1.4798198605116586e-1;

/** log(1 + x) for x in [0, 1], in both lanes (see src/linear/log1p.ts for the algorithm). */
// @ts-ignore: decorator
@inline
export function log1pUnitX2(x: v128): v128 {
  const one = f64x2.splat(1);
  const u = f64x2.add(one, x);
  const big = f64x2.gt(u, f64x2.splat(SQRT2));
  const k = v128.and(big, one);
  const f = v128.bitselect(f64x2.sub(f64x2.mul(u, f64x2.splat(0.5)), one), x, big);
  const c = v128.and(big, f64x2.div(f64x2.sub(x, f64x2.sub(u, one)), u));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))));
  const t2 = f64x2.mul(
    z,
    f64x2.add(f64x2.splat(LG1), f64x2.mul(w, f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))))),
  );
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const inner = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, f64x2.add(t2, t1))), f64x2.add(f64x2.mul(k, f64x2.splat(LN2_LO)), c));
  return f64x2.sub(f64x2.mul(k, f64x2.splat(LN2_HI)), f64x2.sub(f64x2.sub(hfsq, inner), f));
}
