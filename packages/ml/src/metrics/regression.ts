export function regressionMetrics(y: ArrayLike<number>, p: ArrayLike<number>) {
  const n = y.length;
  let se = 0;
  let ae = 0;
  let ape = 0;
  let apeCount = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const r = yi - (p[i] as number);
    se += r * r;
    ae += Math.abs(r);
    ss += (yi - mean) ** 2;
    // scikit-learn's MAPE divides by max(|y|, eps) rather than skipping zeros.
    ape += Math.abs(r) / Math.max(Math.abs(yi), 2.220446049250313e-16);
    apeCount++;
  }
  return { rmse: Math.sqrt(se / n), mae: ae / n, r2: ss > 0 ? 1 - se / ss : Number.NaN, mape: ape / Math.max(1, apeCount) };
}
