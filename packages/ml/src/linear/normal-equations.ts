// Ridge regression's normal equations (XcᵀXc + ridge·I)w = Xcᵀyc over the centred design Xc, the
// rows as encodeBlocks lays them out (numeric values, then each categorical feature's design
// column; the no-category column D + 1 has no weight). Two ways to solve them:
// - narrow designs: the D × D matrix, then Cholesky (exact; D³/3 multiply-adds);
// - wide ones (a categorical feature with thousands of categories): conjugate gradients preconditioned
//   by the diagonal, the matrix never formed: each step reads the rows twice (X p, then Xᵀ of that),
//   and the diagonal evens out the categories' counts, so a few dozen steps reach 1e-10. 80k rows
//   with a 5,000-category feature took 35 s by Cholesky (and a 200 MB matrix).
import { checkCancelled } from "../training.ts";

/** Added to the penalty: keeps the matrix positive definite with l2 = 0 (collinear one-hot columns). */
export const JITTER = 1e-9;

/** The encoded rows: n × numCols.length standardized values, n × Fc design columns. */
export interface Design {
  n: number;
  /** Design columns in all (D). */
  width: number;
  numCols: ArrayLike<number>;
  dense: Float32Array;
  codes: Uint32Array;
}

/** Column means of the design, and Xᵀyc for centred labels yc. */
export function moments(x: Design, yc: Float64Array): { xMean: Float64Array; b: Float64Array } {
  const { n, width: D, numCols, dense, codes } = x;
  const Fn = numCols.length;
  const Fc = n ? codes.length / n : 0;
  const xMean = new Float64Array(D);
  const b = new Float64Array(D);
  // Sums first, divided once at the end; the numeric columns' in arrays of their own (as in normalMatrix).
  const sum = new Float64Array(Fn);
  const dot = new Float64Array(Fn);
  for (let i = 0, row = 0; i < n; i++, row += Fn) {
    const yi = yc[i] as number;
    for (let a = 0; a < Fn; a++) {
      const v = dense[row + a] as number;
      sum[a] = (sum[a] as number) + v;
      dot[a] = (dot[a] as number) + v * yi;
    }
    for (let a = 0; a < Fc; a++) {
      const c = codes[i * Fc + a] as number;
      if (c >= D) continue; // no category: the row's value is 0 in every column of the feature
      xMean[c] = (xMean[c] as number) + 1;
      b[c] = (b[c] as number) + yi;
    }
  }
  for (let a = 0; a < Fn; a++) {
    xMean[numCols[a] as number] = sum[a] as number;
    b[numCols[a] as number] = dot[a] as number;
  }
  if (n > 0) for (let d = 0; d < D; d++) xMean[d] = (xMean[d] as number) / n;
  return { xMean, b };
}

/**
 * The D × D matrix XcᵀXc + (l2 + JITTER)·I. Each unordered pair of columns is accumulated once, a row at a
 * time, and mirrored (a product and its mirror are the same bits).
 */
export function normalMatrix(x: Design, xMean: Float64Array, l2: number, signal?: AbortSignal): Float64Array {
  const { n, width: D, numCols, dense, codes } = x;
  const Fn = numCols.length;
  const Fc = n ? codes.length / n : 0;
  const A = new Float64Array(D * D);
  const add = (r: number, c: number, v: number) => {
    const at = r <= c ? r * D + c : c * D + r;
    A[at] = (A[at] as number) + v;
  };
  // The numeric pairs are summed in a small matrix of their own, without add's mapping and branch,
  // four rows at a time (a product took 5.6 ns a row at a time through add: 53 ms of a 120k × 12
  // fit, against scikit-learn's whole Ridge in 40 ms; now about 10 ms).
  const numeric = new Float64Array(Fn * Fn);
  const quads = n & ~3;
  for (let i = 0; i < quads; i += 4) {
    if (i % 100_000 === 0) checkCancelled(signal);
    const r0 = i * Fn;
    const r1 = r0 + Fn;
    const r2 = r1 + Fn;
    const r3 = r2 + Fn;
    for (let a = 0; a < Fn; a++) {
      const v0 = dense[r0 + a] as number;
      const v1 = dense[r1 + a] as number;
      const v2 = dense[r2 + a] as number;
      const v3 = dense[r3 + a] as number;
      const at = a * Fn;
      for (let a2 = a; a2 < Fn; a2++)
        numeric[at + a2] =
          (numeric[at + a2] as number) +
          (v0 * (dense[r0 + a2] as number) +
            v1 * (dense[r1 + a2] as number) +
            (v2 * (dense[r2 + a2] as number) + v3 * (dense[r3 + a2] as number)));
    }
  }
  for (let i = quads; i < n; i++) {
    const row = i * Fn;
    for (let a = 0; a < Fn; a++) {
      const va = dense[row + a] as number;
      for (let a2 = a; a2 < Fn; a2++) numeric[a * Fn + a2] = (numeric[a * Fn + a2] as number) + va * (dense[row + a2] as number);
    }
  }
  // Then the pairs with a category, the few design columns that are 1 in each row.
  for (let i = 0; i < n && Fc > 0; i++) {
    if (i % 100_000 === 0) checkCancelled(signal);
    const row = i * Fn;
    for (let a = 0; a < Fn; a++) {
      const ca = numCols[a] as number;
      const va = dense[row + a] as number;
      for (let k = 0; k < Fc; k++) {
        const c = codes[i * Fc + k] as number;
        if (c < D) add(ca, c, va);
      }
    }
    for (let k = 0; k < Fc; k++) {
      const c = codes[i * Fc + k] as number;
      if (c >= D) continue;
      for (let k2 = k; k2 < Fc; k2++) {
        const c2 = codes[i * Fc + k2] as number;
        if (c2 < D) add(c, c2, 1);
      }
    }
  }
  for (let a = 0; a < Fn; a++)
    for (let a2 = a; a2 < Fn; a2++) add(numCols[a] as number, numCols[a2] as number, numeric[a * Fn + a2] as number);
  for (let r = 0; r < D; r++) for (let c = r + 1; c < D; c++) A[c * D + r] = A[r * D + c] as number;
  // Centre: XcᵀXc = XᵀX − n·m·mᵀ.
  for (let r = 0; r < D; r++)
    for (let c = 0; c < D; c++) A[r * D + c] = (A[r * D + c] as number) - n * (xMean[r] as number) * (xMean[c] as number);
  for (let d = 0; d < D; d++) A[d * D + d] = (A[d * D + d] as number) + l2 + JITTER;
  return A;
}

export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (L[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (y[k] as number);
    y[i] = s / (L[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (x[k] as number);
    x[i] = s / (L[i * n + i] as number);
  }
  return x;
}

/** q = (XcᵀXc + ridge·I)p, without the matrix: X p row by row, then Xᵀ of it, less the centring. */
function multiply(x: Design, xMean: Float64Array, ridge: number, p: Float64Array, q: Float64Array) {
  const { n, width: D, numCols, dense, codes } = x;
  const Fn = numCols.length;
  const Fc = n ? codes.length / n : 0;
  // p is D + 2 long: p[D + 1], the no-category column's, stays 0, so codes need no test.
  q.fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < Fn; a++) s += (p[numCols[a] as number] as number) * (dense[i * Fn + a] as number);
    for (let k = 0; k < Fc; k++) s += p[codes[i * Fc + k] as number] as number;
    for (let a = 0; a < Fn; a++) {
      const c = numCols[a] as number;
      q[c] = (q[c] as number) + s * (dense[i * Fn + a] as number);
    }
    for (let k = 0; k < Fc; k++) {
      const c = codes[i * Fc + k] as number;
      q[c] = (q[c] as number) + s;
    }
  }
  let mp = 0;
  for (let c = 0; c < D; c++) mp += (xMean[c] as number) * (p[c] as number);
  for (let c = 0; c < D; c++) q[c] = (q[c] as number) - n * (xMean[c] as number) * mp + ridge * (p[c] as number);
}

/** The diagonal of XcᵀXc + ridge·I. */
function diagonal(x: Design, xMean: Float64Array, ridge: number): Float64Array {
  const { n, width: D, numCols, dense, codes } = x;
  const Fn = numCols.length;
  const Fc = n ? codes.length / n : 0;
  const d = new Float64Array(D + 2);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < Fn; a++) {
      const v = dense[i * Fn + a] as number;
      d[numCols[a] as number] = (d[numCols[a] as number] as number) + v * v;
    }
    for (let k = 0; k < Fc; k++) d[codes[i * Fc + k] as number] = (d[codes[i * Fc + k] as number] as number) + 1;
  }
  for (let c = 0; c < D; c++) d[c] = (d[c] as number) - n * (xMean[c] as number) ** 2 + ridge;
  return d;
}

export interface IterativeSolution {
  w: Float64Array;
  iterations: number;
  /** ‖b − A w‖ / ‖b‖ at the end. */
  residual: number;
}

/** Stop when the residual is this small against b: far below what the fit's metrics can show. */
const TOLERANCE = 1e-10;

/** Conjugate gradients on the normal equations, preconditioned by their diagonal, from w = 0. */
export function conjugateGradients(
  x: Design,
  xMean: Float64Array,
  b: Float64Array,
  ridge: number,
  options: { maxIterations: number; signal?: AbortSignal; onIteration?: (iteration: number, residual: number) => void },
): IterativeSolution {
  const D = x.width;
  const inverse = diagonal(x, xMean, ridge).map((v, c) => (c < D && v > 0 ? 1 / v : 0));
  const w = new Float64Array(D);
  const r = Float64Array.from(b);
  const z = r.map((v, c) => v * (inverse[c] as number));
  const p = new Float64Array(D + 2);
  p.set(z);
  const q = new Float64Array(D + 2);
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, e) => s + e * e, 0));
  const bNorm = norm(b) || 1;
  let rz = dot(r, z, D);
  let residual = norm(r) / bNorm;
  let iterations = 0;
  while (residual > TOLERANCE && iterations < options.maxIterations) {
    checkCancelled(options.signal);
    multiply(x, xMean, ridge, p, q);
    const alpha = rz / dot(p, q, D);
    for (let c = 0; c < D; c++) {
      w[c] = (w[c] as number) + alpha * (p[c] as number);
      r[c] = (r[c] as number) - alpha * (q[c] as number);
      z[c] = (r[c] as number) * (inverse[c] as number);
    }
    const next = dot(r, z, D);
    const beta = next / rz;
    rz = next;
    for (let c = 0; c < D; c++) p[c] = (z[c] as number) + beta * (p[c] as number);
    residual = norm(r) / bNorm;
    iterations++;
    options.onIteration?.(iterations, residual);
  }
  return { w, iterations, residual };
}

function dot(a: Float64Array, b: Float64Array, length: number): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
