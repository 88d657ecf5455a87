// Scoring stored models on a holdout read again from its dataset version: each model gets the
// columns it was trained on, with category codes re-mapped by name, since two models may have
// learned different category lists. Used by champion/challenger and by the compare page's noise check.

import { createHash } from "node:crypto";
import type { FeatureMatrix } from "@roundhouse/data";
import { deserializeModel, evaluatePredictions, type ModelDocument } from "@roundhouse/ml";
import { predictStored } from "@roundhouse/serving";
import { readStored } from "@roundhouse/store";

export async function readModel(location: string, sha256: string): Promise<ModelDocument> {
  const bytes = await readStored(location);
  if (createHash("sha256").update(bytes).digest("hex") !== sha256) throw new Error(`${location} does not match its registered SHA-256`);
  return deserializeModel(bytes.toString("utf8"));
}

/** At most `max` evenly spaced row numbers out of `total`. */
export function sampleRows(total: number, max: number): Int32Array {
  const n = Math.min(total, max);
  const step = total / n;
  return Int32Array.from({ length: n }, (_, i) => Math.floor(i * step));
}

/** The model's evaluation on the sampled holdout rows, in its own feature order and codes. */
export async function scoreOnHoldout(doc: ModelDocument, matrix: FeatureMatrix, rows: Int32Array) {
  const columns = doc.features.map((f) => {
    const at = matrix.features.findIndex((m) => m.name === f.name);
    const source = matrix.holdout.columns[at] as Float32Array;
    const fromMatrix = matrix.features[at]?.categories;
    const remap = f.categories && fromMatrix ? recode(fromMatrix, f.categories) : null;
    return Float64Array.from(rows, (r) => {
      const v = source[r] as number;
      return remap && !Number.isNaN(v) ? (remap[v] as number) : v;
    });
  });
  const classes = matrix.label.classes;
  const labelMap = classes && doc.label.classes ? recode(classes, doc.label.classes) : null;
  const label = Float64Array.from(rows, (r) => {
    const y = matrix.holdout.label[r] as number;
    return labelMap ? (labelMap[y] as number) : y;
  });
  const predictions = await predictStored(doc.model, columns, rows.length);
  return { label, ...evaluatePredictions(doc.model.task, doc.model.outputs, label, predictions) };
}

/** code in `from` → code in `to` for the same name (NaN when `to` does not know it). */
function recode(from: string[], to: string[]): Float64Array {
  const index = new Map(to.map((c, i) => [c, i]));
  return Float64Array.from(from, (c) => index.get(c) ?? Number.NaN);
}
