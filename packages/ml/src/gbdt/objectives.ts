// Losses for boosting: gradients and hessians of each row's loss with respect to its raw score,
// the starting score, and the loss itself (reported per iteration).
import type { Task } from "../dataset.ts";
import { log1pUnit } from "../linear/log1p.ts";
import { gradientExp, gradientExp32 } from "./exp.ts";

export type Objective = "binary:logistic" | "multi:softmax" | "reg:squared" | "reg:absolute" | "reg:huber";

export function defaultObjective(task: Task): Objective {
  return task === "binary" ? "binary:logistic" : task === "multiclass" ? "multi:softmax" : "reg:squared";
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * A fit's scores are stored by output: output k of row i at k × n + i (one column of n per output;
 * regression and binary have one), so each output's pass reads its own scores together.
 */
export interface Gradients {
  /**
   * Fills gradient/hessian pairs (gh[2i], gh[2i + 1]) for output k (0 except for multiclass). A
   * round calls it for k = 0, 1, ... K - 1 in order, and every output's gradients come from the
   * scores as they were at k = 0 (as XGBoost does), though the scores of outputs already fitted
   * this round have moved since.
   */
  compute(scores: Float64Array, label: Float64Array, gh: Float32Array, k: number, K: number, n: number): void;
  baseScore(label: Float64Array, K: number): number[];
  loss(scores: Float64Array, label: Float64Array, K: number, n: number): number;
  lossName: string;
}

const EPS = 1e-16;
const EPS32 = Math.fround(EPS);

export function gradientsFor(objective: Objective, huberDelta = 1): Gradients {
  switch (objective) {
    case "binary:logistic":
      return {
        lossName: "logloss",
        // In float32, as the fit arena's logisticGradients kernel (wasm/fitting.ts) computes them, bit
        // for bit: 1 - p as e^-s p, so neither g nor h loses its low bits when p is near 1.
        compute(s, y, gh, _k, _K, n) {
          for (let i = 0; i < n; i++) {
            const label = Math.fround(y[i] as number);
            const e = gradientExp32(-Math.fround(s[i] as number));
            const p = Math.fround(1 / Math.fround(1 + e));
            const q = Math.fround(e * p);
            gh[2 * i] = label === 1 ? -q : p - label;
            const h = Math.fround(p * q);
            gh[2 * i + 1] = Math.max(h, EPS32);
          }
        },
        baseScore(y) {
          let m = labelSum(y);
          m = Math.min(Math.max(m / y.length, 1e-6), 1 - 1e-6);
          return [Math.log(m / (1 - m))];
        },
        loss: (s, y, _K, n) => logisticLossSum(s, y, n) / n,
      };
    case "multi:softmax": {
      // The round's probabilities, computed once at k = 0: K exponentials per row, not K² (computing
      // every class's softmax for each output was two thirds of a multiclass fit).
      let probabilities = new Float64Array(0);
      return {
        lossName: "mlogloss",
        compute(s, y, gh, k, K, n) {
          if (k === 0) {
            if (probabilities.length < n * K) probabilities = new Float64Array(n * K);
            softmaxRows(s, probabilities, K, n);
          }
          const column = k * n;
          for (let i = 0; i < n; i++) {
            const p = probabilities[column + i] as number;
            gh[2 * i] = p - ((y[i] as number) === k ? 1 : 0);
            const h = 2 * p * (1 - p);
            gh[2 * i + 1] = h > EPS ? h : EPS;
          }
        },
        baseScore(_y, K) {
          return new Array(K).fill(0);
        },
        loss: (s, y, K, n) => softmaxLossSum(s, y, K, n) / n,
      };
    }
    default: {
      const kind = objective;
      return {
        lossName: kind === "reg:squared" ? "rmse" : kind === "reg:absolute" ? "mae" : "huber",
        compute(s, y, gh, _k, _K, n) {
          for (let i = 0; i < n; i++) {
            const r = (s[i] as number) - (y[i] as number);
            gh[2 * i] =
              kind === "reg:squared" ? r : kind === "reg:absolute" ? Math.sign(r) : Math.max(-huberDelta, Math.min(huberDelta, r));
            gh[2 * i + 1] = 1;
          }
        },
        baseScore(y) {
          if (kind === "reg:squared") return [labelSum(y) / y.length];
          const sorted = Float64Array.from(y).sort();
          return [sorted[Math.floor(sorted.length / 2)] ?? 0];
        },
        loss(s, y, _K, n) {
          const l = regressionLossSum(s, y, n, kind, huberDelta) / n;
          return kind === "reg:squared" ? Math.sqrt(l) : l;
        },
      };
    }
  }
}

/**
 * Every row's class probabilities (out[k * n + i], by class as the scores) from K scores, in
 * float32: e^x is gradientExp32 of the float32 difference from the row's largest score, the sum goes
 * in class order, and each value is times 1 / sum, every step rounded to float32 as the fit arena's
 * kernel (wasm/gradients.ts softmaxRows) rounds it, so both give the same bits.
 */
function softmaxRows(s: Float64Array, out: Float64Array, K: number, n: number) {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < K; c++) max = Math.max(max, s[c * n + i] as number);
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const e = gradientExp32(f((s[c * n + i] as number) - max));
      out[c * n + i] = e;
      sum = f(sum + e);
    }
    const inverse = f(1 / sum);
    for (let c = 0; c < K; c++) out[c * n + i] = f((out[c * n + i] as number) * inverse);
  }
}

/**
 * The labels' sum, by index: runs once per fit, mostly before V8 optimizes it, and a for-of loop's
 * iterator took 5 ms of a 200k-row fit there.
 */
function labelSum(y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i] as number;
  return m;
}

/** Probability of class k for row i of n from K scores by class (s[c * n + i]). */
function softmaxAt(s: Float64Array, i: number, n: number, K: number, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < K; c++) max = Math.max(max, s[c * n + i] as number);
  let sum = 0;
  for (let c = 0; c < K; c++) sum += Math.exp((s[c * n + i] as number) - max);
  return Math.exp((s[k * n + i] as number) - max) / sum;
}

// Each loss's sum is a function of its own that returns right after its loop. V8 compiles a long
// loop while it runs (on-stack replacement, OSR) and keeps that code for the next calls; code after
// the loop that had not run yet when it was compiled (dividing by n) then deoptimized it on every
// call, every round a loss was reported. Here nothing follows the loop but the return.

/**
 * Sum over n rows of the logistic loss log(1 + e^s) − y·s, as max(s, 0) + log1p(e^−|s|) − y·s,
 * stable at any score. Even and odd rows are summed apart, then added; an odd last row starts the
 * even rows' sum. The WebAssembly kernel's two lanes sum them the same way (wasm/validation.ts),
 * with the same exp and log1p: both give the same bits.
 */
export function logisticLossSum(s: Float64Array, y: Float64Array, n: number): number {
  const last = n - 1;
  let even = n % 2 === 1 ? logisticLoss(s[last] as number, y[last] as number) : 0;
  let odd = 0;
  // The two sums are added inside the loop too, so nothing but the return follows it (the note
  // above): `return even + odd` deoptimized this function 80 times in one CI run's 2-thread fits.
  let total = even + odd;
  for (let i = 0; i + 1 < n; i += 2) {
    even += logisticLoss(s[i] as number, y[i] as number);
    odd += logisticLoss(s[i + 1] as number, y[i + 1] as number);
    total = even + odd;
  }
  return total;
}

function logisticLoss(s: number, y: number): number {
  return Math.max(s, 0) + log1pUnit(gradientExp(-Math.abs(s))) - y * s;
}

function softmaxLossSum(s: Float64Array, y: Float64Array, K: number, n: number): number {
  let l = 0;
  for (let i = 0; i < n; i++) l -= Math.log(Math.max(softmaxAt(s, i, n, K, y[i] as number), 1e-15));
  return l;
}

function regressionLossSum(s: Float64Array, y: Float64Array, n: number, kind: string, huberDelta: number): number {
  let l = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs((s[i] as number) - (y[i] as number));
    l += kind === "reg:squared" ? r * r : kind === "reg:absolute" ? r : r <= huberDelta ? 0.5 * r * r : huberDelta * (r - 0.5 * huberDelta);
  }
  return l;
}
