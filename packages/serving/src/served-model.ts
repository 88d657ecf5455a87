// One model version ready to answer: the model file read and checked against the registry's
// SHA-256, its trees compiled, and a scorer that returns prediction, probabilities and reasons.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { type Reason, Unavailable } from "@roundhouse/contracts";
import { createExplainer, createPredictor, deserializeModel } from "@roundhouse/ml";
import type { ServedFeature } from "./feature-row.ts";

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
  score(x: Float64Array, input: Record<string, unknown>, topReasons: number): Scored;
}

export async function loadServedModel(ref: ModelVersionRef): Promise<ServedModel> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(ref.artifactPath);
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
  const predict = createPredictor(model);
  const explain = createExplainer(model);
  const classes = doc.label.classes ?? [];
  const F = features.length;
  const { featureSchema: _schema, ...rest } = ref;
  return {
    ...rest,
    features,
    task: model.task,
    score(x, input, topReasons) {
      const out = predict(x);
      // The output the reasons are about: the predicted class (for a binary model the contributions
      // are to the positive class's log-odds, so they flip sign when the other class is predicted),
      // or the value.
      let k = 0;
      let sign = 1;
      let scored: Omit<Scored, "reasons">;
      if (model.task === "regression") scored = { prediction: out[0] as number };
      else if (model.task === "binary") {
        const p = out[0] as number;
        if (p < 0.5) sign = -1;
        scored = { prediction: classes[p >= 0.5 ? 1 : 0] ?? (p >= 0.5 ? 1 : 0), probabilities: probabilityMap(classes, [1 - p, p]) };
      } else {
        for (let c = 1; c < out.length; c++) if ((out[c] as number) > (out[k] as number)) k = c;
        scored = { prediction: classes[k] ?? k, probabilities: probabilityMap(classes, Array.from(out)) };
      }
      if (topReasons === 0) return { ...scored, reasons: [] };
      const phi = explain(x).contributions;
      const order = Array.from({ length: F }, (_, f) => f).sort(
        (a, b) => Math.abs(phi[k * F + b] as number) - Math.abs(phi[k * F + a] as number),
      );
      const reasons = order.slice(0, topReasons).map((f) => {
        const name = (features[f] as ServedFeature).name;
        return { feature: name, value: input[name] ?? null, contribution: round(sign * (phi[k * F + f] as number)) };
      });
      return { ...scored, reasons };
    },
  };
}

function probabilityMap(classes: string[], p: number[]): Record<string, number> {
  return Object.fromEntries(p.map((v, c) => [classes[c] ?? String(c), round(v)]));
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
