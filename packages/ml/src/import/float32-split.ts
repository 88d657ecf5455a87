// Other libraries compare a feature as float32 (XGBoost: float32(x) < t; scikit-learn's trees:
// float32(x) <= t); Roundhouse's trees compare the value as given: x <= threshold. These turn the
// former into the latter exactly, so an imported tree sends every double the way its library would.

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new BigInt64Array(f64.buffer);

/** The next float32 above x. */
export function nextUpF32(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return 2 ** -149;
  f32[0] = x;
  f32Bits[0] = (f32Bits[0] as number) + (x > 0 ? 1 : -1);
  return f32[0] as number;
}

/** The next float32 below x. */
export const nextDownF32 = (x: number) => -nextUpF32(-x);

/** The largest float32 not above t: for float32 inputs, x <= it exactly when x <= t (ONNX export). */
export function float32AtOrBelow(t: number): number {
  const f = Math.fround(t);
  return f <= t || Number.isNaN(t) ? f : nextDownF32(f);
}

function nextDownF64(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  f64Bits[0] = (f64Bits[0] as bigint) + (x > 0 ? -1n : 1n);
  return f64[0] as number;
}

/** The largest double d with Math.fround(d) <= p, for a float32 p. */
function lastDoubleRoundingAtMost(p: number): number {
  if (!Number.isFinite(p)) return p;
  const above = nextUpF32(p);
  // The midpoint of two neighbouring float32s is a double; ties round to the even one.
  const mid = Number.isFinite(above) ? p / 2 + above / 2 : p + (p - nextDownF32(p)) / 2;
  return Math.fround(mid) === p ? mid : nextDownF64(mid);
}

/** x <= the result ⇔ float32(x) < t (XGBoost's split; t is a float32). */
export function thresholdForLessThanF32(t: number): number {
  return lastDoubleRoundingAtMost(nextDownF32(Math.fround(t)));
}

/** x <= the result ⇔ float32(x) <= t (scikit-learn's trees; t is any double). */
export function thresholdForAtMostF32(t: number): number {
  let p = Math.fround(t);
  if (p > t) p = nextDownF32(p);
  return lastDoubleRoundingAtMost(p);
}
