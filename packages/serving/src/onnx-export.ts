// A Roundhouse model as ONNX, checked before it leaves: onnxruntime scores rows that reach every
// split of the model (each threshold and the float just above it, each category, missing values)
// and its probabilities must match the engine's own within ONNX_TOLERANCE.
import { type LabelInfo, type Model, modelToOnnx, nextDownF32, nextUpF32, ONNX_INPUT, predictAll, rng } from "@roundhouse/ml";
import * as ort from "onnxruntime-node";

/** float32 arithmetic in onnxruntime against float64 in the engine: what may differ, at most. */
export const ONNX_TOLERANCE = 1e-5;
const CHECK_ROWS = 512;

export class OnnxMismatch extends Error {
  constructor(readonly maxDifference: number) {
    super(
      `The ONNX export disagrees with the model by ${maxDifference.toExponential(2)} (allowed ${ONNX_TOLERANCE}); it was not exported.`,
    );
    this.name = "OnnxMismatch";
  }
}

export interface OnnxExport {
  bytes: Uint8Array;
  /** The largest |ONNX − engine| over the check rows (probabilities, or values relative to their size). */
  maxDifference: number;
  checkedRows: number;
}

export async function exportOnnx(model: Model, label: LabelInfo, metadata: Record<string, string> = {}): Promise<OnnxExport> {
  const bytes = modelToOnnx(model, label, metadata);
  const rows = checkRows(model, CHECK_ROWS, 1);
  const maxDifference = await onnxDifference(model, bytes, rows);
  if (!(maxDifference <= ONNX_TOLERANCE)) throw new OnnxMismatch(maxDifference);
  return { bytes, maxDifference, checkedRows: CHECK_ROWS };
}

/** Largest difference between onnxruntime's and the engine's predictions on column-major float32 rows. */
export async function onnxDifference(model: Model, bytes: Uint8Array, columns: Float32Array[]): Promise<number> {
  const F = model.features.length;
  const n = columns[0]?.length ?? 0;
  const input = new Float32Array(n * F);
  for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) input[i * F + f] = columns[f]?.[i] as number;
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [ONNX_INPUT]: new ort.Tensor("float32", input, [n, F]) });
    const native = predictAll(model, columns, n);
    const K = model.outputs;
    let worst = 0;
    if (model.task === "regression") {
      const got = result.variable?.data as Float32Array;
      for (let i = 0; i < n; i++) {
        const want = native[i] as number;
        worst = Math.max(worst, Math.abs((got[i] as number) - want) / Math.max(1, Math.abs(want)));
      }
      return worst;
    }
    const probs = result.probabilities?.data as Float32Array;
    const C = Math.max(2, K);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) {
        // Binary models predict P(class 1); ONNX lists both classes.
        const want = K === 1 ? (c === 1 ? (native[i] as number) : 1 - (native[i] as number)) : (native[i * K + c] as number);
        const diff = Math.abs((probs[i * C + c] as number) - want);
        worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(worst, diff);
      }
    }
    return worst;
  } finally {
    await session.release();
  }
}

/**
 * Rows that exercise the model: per feature, values drawn from its split points (each threshold
 * and the float32s either side), its categories plus one unseen, and missing; column-major.
 */
export function checkRows(model: Model, rows: number, seed: number): Float32Array[] {
  const F = model.features.length;
  const candidates: number[][] = model.features.map((f) =>
    f.kind === "categorical" ? Array.from({ length: (f.categories?.length ?? 0) + 1 }, (_, c) => c) : [],
  );
  if (model.algorithm === "gbdt" || model.algorithm === "random_forest") {
    for (const tree of model.trees) {
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.left[node] === -1 || tree.categories[node]) continue;
        const at = Math.fround(tree.threshold[node] as number);
        candidates[tree.feature[node] as number]?.push(at, nextUpF32(at), nextDownF32(at));
      }
    }
  } else {
    const e = model.encoder;
    model.features.forEach((f, j) => {
      if (f.kind === "numeric")
        for (const z of [-3, -1, -0.5, 0, 0.5, 1, 3]) candidates[j]?.push((e.mean[j] as number) + z * (e.std[j] as number));
    });
  }
  const next = rng(seed);
  return Array.from({ length: F }, (_, f) => {
    const values = candidates[f]?.length ? (candidates[f] as number[]) : [0];
    const column = new Float32Array(rows);
    for (let i = 0; i < rows; i++) column[i] = next() < 0.1 ? Number.NaN : (values[Math.floor(next() * values.length)] as number);
    return column;
  });
}
