// Limited-memory BFGS with a backtracking (Armijo) line search: minimizes a smooth function given
// its value and gradient. Used by logistic regression.

export interface LbfgsOptions {
  maxIterations: number;
  tolerance: number;
  memory?: number;
  onIteration?: (iteration: number, value: number) => void;
  signal?: AbortSignal;
}

export function lbfgs(
  f: (w: Float64Array, grad: Float64Array) => number,
  w0: Float64Array,
  opts: LbfgsOptions,
): { w: Float64Array; value: number; iterations: number } {
  const d = w0.length;
  const m = opts.memory ?? 10;
  const w = Float64Array.from(w0);
  const g = new Float64Array(d);
  let fx = f(w, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(d);
  const wNew = new Float64Array(d);
  const gNew = new Float64Array(d);
  let it = 0;
  for (; it < opts.maxIterations; it++) {
    if (opts.signal?.aborted) break;
    // Two-loop recursion: dir = -H·g.
    dir.set(g);
    const alpha: number[] = [];
    for (let i = S.length - 1; i >= 0; i--) {
      const a = (rho[i] as number) * dot(S[i] as Float64Array, dir);
      alpha[i] = a;
      axpy(-a, Y[i] as Float64Array, dir);
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last] as Float64Array, Y[last] as Float64Array) / dot(Y[last] as Float64Array, Y[last] as Float64Array);
      for (let k = 0; k < d; k++) dir[k] = (dir[k] as number) * gamma;
    }
    for (let i = 0; i < S.length; i++) {
      const b = (rho[i] as number) * dot(Y[i] as Float64Array, dir);
      axpy((alpha[i] as number) - b, S[i] as Float64Array, dir);
    }
    for (let k = 0; k < d; k++) dir[k] = -(dir[k] as number);
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      for (let k = 0; k < d; k++) dir[k] = -(g[k] as number);
      slope = dot(g, dir);
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
    }
    let step = S.length === 0 ? 1 / Math.max(1, Math.sqrt(dot(g, g))) : 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let k = 0; k < d; k++) wNew[k] = (w[k] as number) + step * (dir[k] as number);
      fNew = f(wNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let k = 0; k < d; k++) {
      s[k] = (wNew[k] as number) - (w[k] as number);
      y[k] = (gNew[k] as number) - (g[k] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const improvement = fx - fNew;
    w.set(wNew);
    g.set(gNew);
    fx = fNew;
    opts.onIteration?.(it + 1, fx);
    if (Math.sqrt(dot(g, g)) < opts.tolerance || Math.abs(improvement) < opts.tolerance * Math.max(1, Math.abs(fx)) * 1e-3) {
      it++;
      break;
    }
  }
  return { w, value: fx, iterations: it };
}

function dot(a: Float64Array, b: Float64Array) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array) {
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + a * (x[i] as number);
}
