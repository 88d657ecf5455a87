// One model version ready to answer: the model file read and checked against the registry's
// SHA-256, its trees compiled, and a scorer that returns prediction, probabilities and reasons.
// An ONNX graph (a PyTorch workflow's model) is scored by onnxruntime, rows of a request together,
// and gives no reasons.

import { createHash } from "node:crypto";
import { type Reason, Unavailable } from "@roundhouse/contracts";
import { createExplainer, createPredictor, deserializeModel, isOnnxModel, type Model } from "@roundhouse/ml";
import { readStored } from "@roundhouse/store";
import type { ServedFeature } from "./feature-row.ts";
import { predictOnnx } from "./stored-model-scoring.ts";

export interface ModelVersionRef {
  modelVersionId: string;
  modelName: string;
  version: number;
  artifactPath: string;
  artifactSha256: string;
  /** The registry's feature schema: adds which numeric features are dates. */
  featureSchema: { features?: ServedFeature[] } | null;
}

export interface Scored {
  prediction: string | number;
  probabilities?: Record<string, number>;
  reasons: Reason[];
}

export interface ServedModel extends Omit<ModelVersionRef, "featureSchema"> {
  features: ServedFeature[];
  task: string;
  /** Each row's prediction, probabilities and its `topReasons` largest reasons (none for ONNX graphs). */
  scoreRows(xs: Float64Array[], inputs: Record<string, unknown>[], topReasons: number): Promise<Scored[]>;
}

export async function loadServedModel(ref: ModelVersionRef): Promise<ServedModel> {
  let bytes: Buffer;
  try {
    bytes = await readStored(ref.artifactPath);
  } catch (err) {
    throw new Unavailable(`The model file of ${ref.modelName} version ${ref.version} cannot be read (${(err as Error).message}).`);
  }
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== ref.artifactSha256) {
    throw new Unavailable(
      `The model file of ${ref.modelName} version ${ref.version} does not match its registered SHA-256; it will not be served.`,
    );
  }
  const doc = deserializeModel(bytes.toString("utf8"));
  const model = doc.model;
  const temporal = new Set((ref.featureSchema?.features ?? []).filter((f) => f.temporal).map((f) => f.name));
  const boolean = new Set((ref.featureSchema?.features ?? []).filter((f) => f.boolean).map((f) => f.name));
  const features: ServedFeature[] = model.features.map((f) => ({
    ...f,
    temporal: temporal.has(f.name) || undefined,
    boolean: boolean.has(f.name) || undefined,
  }));
  const classes = doc.label.classes ?? [];
  const { featureSchema: _schema, ...rest } = ref;
  if (isOnnxModel(model)) {
    const F = features.length;
    return {
      ...rest,
      features,
      task: model.task,
      async scoreRows(xs) {
        const input = new Float32Array(xs.length * F);
        for (const [i, x] of xs.entries()) input.set(x, i * F);
        const out = await predictOnnx(model, input, xs.length);
        const K = model.outputs;
        return xs.map((_, i) => ({ ...outcome(model.task, classes, out.subarray(i * K, (i + 1) * K)).scored, reasons: [] }));
      },
    };
  }
  const score = nativeScorer(model, features, classes);
  return {
    ...rest,
    features,
    task: model.task,
    async scoreRows(xs, inputs, topReasons) {
      return xs.map((x, i) => score(x, inputs[i] as Record<string, unknown>, topReasons));
    },
  };
}

/** What one row's outputs say: the prediction and probabilities, and which output the reasons explain. */
function outcome(task: string, classes: string[], out: ArrayLike<number>) {
  // The output the reasons are about: the predicted class (for a binary model the contributions
  // are to the positive class's log-odds, so they flip sign when the other class is predicted),
  // or the value.
  if (task === "regression") return { scored: { prediction: out[0] as number }, k: 0, sign: 1 };
  if (task === "binary") {
    const p = out[0] as number;
    return {
      scored: { prediction: classes[p >= 0.5 ? 1 : 0] ?? (p >= 0.5 ? 1 : 0), probabilities: probabilityMap(classes, [1 - p, p]) },
      k: 0,
      sign: p < 0.5 ? -1 : 1,
    };
  }
  let k = 0;
  for (let c = 1; c < out.length; c++) if ((out[c] as number) > (out[k] as number)) k = c;
  return { scored: { prediction: classes[k] ?? k, probabilities: probabilityMap(classes, Array.from(out)) }, k, sign: 1 };
}

function nativeScorer(model: Model, features: ServedFeature[], classes: string[]) {
  const predict = createPredictor(model);
  const explain = createExplainer(model);
  const F = features.length;
  return (x: Float64Array, input: Record<string, unknown>, topReasons: number): Scored => {
    const { scored, k, sign } = outcome(model.task, classes, predict(x));
    if (topReasons === 0) return { ...scored, reasons: [] };
    const phi = explain(x).contributions;
    const order = Array.from({ length: F }, (_, f) => f).sort(
      (a, b) => Math.abs(phi[k * F + b] as number) - Math.abs(phi[k * F + a] as number),
    );
    const reasons = order.slice(0, topReasons).map((f) => {
      const name = (features[f] as ServedFeature).name;
      return {
        feature: name,
        value: Object.hasOwn(input, name) ? (input[name] ?? null) : null,
        contribution: round(sign * (phi[k * F + f] as number)),
      };
    });
    return { ...scored, reasons };
  };
}

function probabilityMap(classes: string[], p: number[]): Record<string, number> {
  return Object.fromEntries(p.map((v, c) => [classes[c] ?? String(c), round(v)]));
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
