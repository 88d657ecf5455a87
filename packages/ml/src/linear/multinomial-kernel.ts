// The multinomial loss's pass over the rows, generated for the number of classes: each class's
// score, exponential and residual is a local variable and the loops over classes are unrolled, so
// V8 keeps a row's K scores in registers instead of loading and storing a K-long array once per
// feature (80k rows × 54 features, 7 classes: about 2 ns a multiply-add with the loop). The loop
// (multinomialPass) stays as the fallback above MAX_UNROLLED_CLASSES and as the reference: both do
// the same operations in the same order, so give the same bits, as does the WebAssembly kernel
// (wasm/linear.ts, multinomialLoss): e^x is gradientExp and log(sum) logAboveOne, whose
// WebAssembly twins give Math.exp's and Math.log's results to within an ulp but not their bits.
import { gradientExp } from "../gbdt/exp.ts";
import { logAboveOne } from "./log1p.ts";

/**
 * One pass: adds the gradient to gt (by design column, K a column) and gIntercept, and returns the
 * loss. wt holds the weights by design column (wt[c·K + k]); rows as encodeBlocks lays them out,
 * numBase[j] = numeric feature j's design column × K.
 */
export type MultinomialPass = (
  wt: Float64Array,
  intercept: Float64Array,
  gt: Float64Array,
  gIntercept: Float64Array,
  dense: Float32Array,
  codes: Uint32Array,
  numBase: Int32Array,
  y: Float64Array,
  n: number,
) => number;

/** Above this many classes the unrolled body gets long; the loop runs instead. */
const MAX_UNROLLED_CLASSES = 16;

export function multinomialPass(K: number, z: Float64Array = new Float64Array(K)): MultinomialPass {
  return (wt, intercept, gt, gIntercept, dense, codes, numBase, y, n) => {
    const Fn = numBase.length;
    const Fc = n ? codes.length / n : 0;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) z[k] = intercept[k] as number;
      for (let j = 0, at = i * Fn; j < Fn; j++, at++) {
        const x = dense[at] as number;
        const base = numBase[j] as number;
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (wt[base + k] as number) * x;
      }
      for (let j = 0, at = i * Fc; j < Fc; j++, at++) {
        const base = (codes[at] as number) * K;
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (wt[base + k] as number);
      }
      const yi = y[i] as number;
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k] as number);
      const zy = z[yi] as number;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = gradientExp((z[k] as number) - max);
        z[k] = e;
        sum += e;
      }
      loss += logAboveOne(sum) + max - zy;
      // z becomes the residuals: softmax minus the one-hot label.
      for (let k = 0; k < K; k++) {
        const r = (z[k] as number) / sum - (k === yi ? 1 : 0);
        z[k] = r;
        gIntercept[k] = (gIntercept[k] as number) + r;
      }
      for (let j = 0, at = i * Fn; j < Fn; j++, at++) {
        const x = dense[at] as number;
        const base = numBase[j] as number;
        for (let k = 0; k < K; k++) gt[base + k] = (gt[base + k] as number) + (z[k] as number) * x;
      }
      for (let j = 0, at = i * Fc; j < Fc; j++, at++) {
        const base = (codes[at] as number) * K;
        for (let k = 0; k < K; k++) gt[base + k] = (gt[base + k] as number) + (z[k] as number);
      }
    }
    return loss;
  };
}

/** The pass with the classes unrolled (the loop's operations, in its order), or null above MAX_UNROLLED_CLASSES. */
export function generatedMultinomialPass(K: number): MultinomialPass | null {
  if (K > MAX_UNROLLED_CLASSES) return null;
  const ks = Array.from({ length: K }, (_, k) => k);
  const each = (f: (k: number) => string, sep = "\n") => ks.map(f).join(sep);
  const source = `
const Fn = numBase.length;
const Fc = n ? codes.length / n : 0;
let loss = 0;
for (let i = 0; i < n; i++) {
  ${each((k) => `let z${k} = intercept[${k}];`)}
  for (let j = 0, at = i * Fn; j < Fn; j++, at++) {
    const x = dense[at];
    const base = numBase[j];
    ${each((k) => `z${k} = z${k} + wt[base + ${k}] * x;`)}
  }
  for (let j = 0, at = i * Fc; j < Fc; j++, at++) {
    const base = codes[at] * ${K};
    ${each((k) => `z${k} = z${k} + wt[base + ${k}];`)}
  }
  const yi = y[i];
  let max = -Infinity;
  ${each((k) => `max = Math.max(max, z${k});`)}
  const zy = ${each((k) => `yi === ${k} ? z${k} : `, "")}NaN;
  let sum = 0;
  ${each((k) => `const e${k} = exp(z${k} - max); sum += e${k};`)}
  loss += logOf(sum) + max - zy;
  ${each((k) => `const r${k} = e${k} / sum - (${k} === yi ? 1 : 0); gIntercept[${k}] = gIntercept[${k}] + r${k};`)}
  for (let j = 0, at = i * Fn; j < Fn; j++, at++) {
    const x = dense[at];
    const base = numBase[j];
    ${each((k) => `gt[base + ${k}] = gt[base + ${k}] + r${k} * x;`)}
  }
  for (let j = 0, at = i * Fc; j < Fc; j++, at++) {
    const base = codes[at] * ${K};
    ${each((k) => `gt[base + ${k}] = gt[base + ${k}] + r${k};`)}
  }
}
return loss;`;
  const make = new Function("exp", "logOf", `return (wt, intercept, gt, gIntercept, dense, codes, numBase, y, n) => {${source}};`);
  return make(gradientExp, logAboveOne) as MultinomialPass;
}
