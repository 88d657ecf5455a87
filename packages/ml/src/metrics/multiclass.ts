import { rocAuc } from "./binary.ts";

/** probs[i * K + k]: probability of class k for row i. */
export function multiclassMetrics(y: ArrayLike<number>, probs: Float64Array, K: number) {
  const n = y.length;
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let logloss = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if ((probs[i * K + k] as number) > (probs[i * K + best] as number)) best = k;
    const actual = y[i] as number;
    (confusion[actual] as number[])[best] = ((confusion[actual] as number[])[best] as number) + 1;
    logloss -= Math.log(Math.min(Math.max(probs[i * K + actual] as number, 1e-15), 1 - 1e-15));
  }
  const perClass = confusion.map((row, k) => {
    const tp = row[k] as number;
    const fn = row.reduce((a, b) => a + b, 0) - tp;
    const fp = confusion.reduce((a, r) => a + (r[k] as number), 0) - tp;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  const correct = perClass.reduce((a, c) => a + c.tp, 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // One-vs-rest AUC per class, macro-averaged over classes present (scikit-learn's multi_class="ovr").
  const aucs: number[] = [];
  for (let k = 0; k < K; k++) {
    const yk = new Float64Array(n);
    const pk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      yk[i] = (y[i] as number) === k ? 1 : 0;
      pk[i] = probs[i * K + k] as number;
    }
    const a = rocAuc(yk, pk);
    if (!Number.isNaN(a)) aucs.push(a);
  }
  return {
    accuracy: correct / n,
    logloss: logloss / n,
    aucMacro: aucs.length ? mean(aucs) : Number.NaN,
    precisionMacro: mean(perClass.map((c) => c.precision)),
    recallMacro: mean(perClass.map((c) => c.recall)),
    f1Macro: mean(perClass.map((c) => c.f1)),
    // Micro averages equal accuracy for single-label multiclass.
    f1Micro: correct / n,
    confusion,
  };
}
