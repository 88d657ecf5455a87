// AssemblyScript: the math the WebAssembly kernels share (fitting.ts, linear.ts); not a kernel
// itself. Each function does the same operations in the same order as its JavaScript twin, so
// both give the same bits: e^x as src/gbdt/exp.ts, log(1 + x) as src/linear/log1p.ts. The SIMD
// versions run the scalar operations in each lane.
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = 1.4426950408889634;
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 6.613756321437934e-5;
const P4: f64 = -1.6533902205465252e-6;
const P5: f64 = 4.1381367970572385e-8;

/** e^x in both lanes, as src/gbdt/exp.ts's gradientExp computes it. */
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

// e^x in single precision (Cephes' expf): x = k ln2 + r with |r| <= ln2/2 (ln2 in two parts, so
// k ln2's first part is exact), a degree-7 polynomial for e^r, times 2^k made from k's bits. Within
// about an ulp of float32 on [-80, 80] (x is clamped there: 2^k and the logistic's 1 / (1 + e^x)
// stay normal numbers). Twin of src/gbdt/exp.ts's gradientExp32; the boosting's logistic
// gradients are float32 anyway, and four lanes at a time are twice the rows of f64x2.
const LOG2E_32: f32 = 1.4426950408889634;
const LN2_HI_32: f32 = 0.693359375;
const LN2_LO_32: f32 = -2.12194440e-4;
const Q0: f32 = 1.9875691500e-4;
const Q1: f32 = 1.3981999507e-3;
const Q2: f32 = 8.3334519073e-3;
const Q3: f32 = 4.1665795894e-2;
const Q4: f32 = 1.6666665459e-1;
const Q5: f32 = 5.0000001201e-1;

// @ts-ignore: decorator
@inline
export function gradientExp32(x: f32): f32 {
  // pmin/pmax's comparisons (b < a ? b : a), as the lanes take them: one instruction each.
  let v: f32 = <f32>80 < x ? <f32>80 : x;
  v = v < <f32>-80 ? <f32>-80 : v;
  const k = nearest<f32>(v * LOG2E_32);
  const r = v - k * LN2_HI_32 - k * LN2_LO_32;
  const z = r * r;
  const p = ((((Q0 * r + Q1) * r + Q2) * r + Q3) * r + Q4) * r + Q5;
  const y = p * z + r + 1;
  return y * reinterpret<f32>((<i32>k + 127) << 23);
}

/**
 * Constants of the SIMD kernels sit in a table in memory (the thread's scratch block, written on
 * each call) and are read from there inside the loops: V8 rebuilds a v128 constant at every use in
 * a loop (a 64-bit immediate, a move to a vector register, a shuffle: 3–5 instructions each), while
 * a load from the L1 cache folds into the instruction that uses it. gradientExp32X4's constants
 * take the first EXP32_TABLE_END bytes of a kernel's table (writeExp32Table).
 */
const E_HI: usize = 0;
const E_LO: usize = 16;
const E_LOG2E: usize = 32;
const E_LN2_HI: usize = 48;
const E_LN2_LO: usize = 64;
const E_Q0: usize = 80;
const E_Q1: usize = 96;
const E_Q2: usize = 112;
const E_Q3: usize = 128;
const E_Q4: usize = 144;
const E_Q5: usize = 160;
const E_ONE: usize = 176;
const E_ROUNDER: usize = 192;
const E_BIAS: usize = 208;
export const EXP32_TABLE_END: usize = 224;
/** 1.5 × 2^23: an integral k in (-2^22, 2^22) added to it leaves 0x4B400000 + k in the sum's bits. */
const ROUNDER: f32 = 12582912;

/** Writes gradientExp32X4's constants at `table`. */
// @ts-ignore: decorator
@inline
export function writeExp32Table(table: usize): void {
  v128.store(table, f32x4.splat(80), E_HI);
  v128.store(table, f32x4.splat(-80), E_LO);
  v128.store(table, f32x4.splat(LOG2E_32), E_LOG2E);
  v128.store(table, f32x4.splat(LN2_HI_32), E_LN2_HI);
  v128.store(table, f32x4.splat(LN2_LO_32), E_LN2_LO);
  v128.store(table, f32x4.splat(Q0), E_Q0);
  v128.store(table, f32x4.splat(Q1), E_Q1);
  v128.store(table, f32x4.splat(Q2), E_Q2);
  v128.store(table, f32x4.splat(Q3), E_Q3);
  v128.store(table, f32x4.splat(Q4), E_Q4);
  v128.store(table, f32x4.splat(Q5), E_Q5);
  v128.store(table, f32x4.splat(1), E_ONE);
  v128.store(table, f32x4.splat(ROUNDER), E_ROUNDER);
  v128.store(table, i32x4.splat(127 - 0x4b400000), E_BIAS);
}

/**
 * gradientExp32 in four lanes, its constants read from `table` (writeExp32Table). 2^k from k's
 * bits after adding ROUNDER (k is integral and within ±116): the same bits as converting k to an
 * integer, in one add instead of V8's six-instruction saturating conversion.
 */
// @ts-ignore: decorator
@inline
export function gradientExp32X4(x: v128, table: usize): v128 {
  const v = f32x4.pmax(f32x4.pmin(x, v128.load(table, E_HI)), v128.load(table, E_LO));
  const k = f32x4.nearest(f32x4.mul(v, v128.load(table, E_LOG2E)));
  const r = f32x4.sub(f32x4.sub(v, f32x4.mul(k, v128.load(table, E_LN2_HI))), f32x4.mul(k, v128.load(table, E_LN2_LO)));
  const z = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(v128.load(table, E_Q0), r), v128.load(table, E_Q1));
  p = f32x4.add(f32x4.mul(p, r), v128.load(table, E_Q2));
  p = f32x4.add(f32x4.mul(p, r), v128.load(table, E_Q3));
  p = f32x4.add(f32x4.mul(p, r), v128.load(table, E_Q4));
  p = f32x4.add(f32x4.mul(p, r), v128.load(table, E_Q5));
  const y = f32x4.add(f32x4.add(f32x4.mul(p, z), r), v128.load(table, E_ONE));
  const exponent = i32x4.add(f32x4.add(k, v128.load(table, E_ROUNDER)), v128.load(table, E_BIAS));
  return f32x4.mul(y, i32x4.shl(exponent, 23));
}
