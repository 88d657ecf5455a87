// The feature matrix's train part, made into what the learner takes: the task (from the label or
// the spec), and, when the spec asks for one, a validation set drawn at random (seeded) from the
// training rows for early stopping to watch. Random, not the last rows: files are often sorted.
import type { TrainingSpec } from "@roundhouse/contracts";
import { type FeatureMatrix, matrixPart, taskOf } from "@roundhouse/data";
import { type Dataset, rng, type Task } from "@roundhouse/ml";

/** A failure the user can act on, said in their terms (not a stack trace). */
export class JobFailure extends Error {}

export function splitForTraining(matrix: FeatureMatrix, spec: TrainingSpec) {
  const classes = matrix.label.classes;
  const task: Task = taskOf(matrix, spec.train.task);
  let train: Dataset = matrixPart(matrix, matrix.train);
  let valid: Dataset | undefined;
  if (spec.data.validation) {
    const seed = spec.data.holdout.kind === "random" ? spec.data.holdout.seed : 42;
    [train, valid] = pickValidation(train, spec.data.validation.fraction, seed);
  }
  if (task !== "regression") {
    const seen = new Set(train.label);
    if (seen.size < 2)
      throw new JobFailure(
        `The label column "${spec.data.label}" has ${seen.size} class in the training split; a classifier needs at least 2.`,
      );
    if (task === "binary" && (classes?.length ?? 0) > 2)
      throw new JobFailure(`The label "${spec.data.label}" has ${classes?.length} classes; use task "multiclass".`);
  }
  if (train.rows === 0) throw new JobFailure("The training split is empty.");
  if (valid && valid.rows === 0) throw new JobFailure("The validation fraction leaves no validation rows; raise data.validation.fraction.");
  return { train, valid, holdout: matrixPart(matrix, matrix.holdout) as Dataset, task, classes };
}

/** Rows go to validation with probability `fraction`, decided by a PRNG seeded from the spec. */
function pickValidation(data: Dataset, fraction: number, seed: number): [Dataset, Dataset] {
  const random = rng((seed ^ 0x5eed) >>> 0);
  const inValid = new Uint8Array(data.rows);
  let v = 0;
  for (let i = 0; i < data.rows; i++) {
    if (random() >= fraction) continue;
    inValid[i] = 1;
    v++;
  }
  const part = (rows: number, want: number): Dataset => {
    const columns = data.columns.map((c) => new (c.constructor as Float32ArrayConstructor)(rows));
    const label = new Float64Array(rows);
    let at = 0;
    for (let i = 0; i < data.rows; i++) {
      if (inValid[i] !== want) continue;
      for (let f = 0; f < columns.length; f++) (columns[f] as Float32Array)[at] = (data.columns[f] as Float32Array)[i] as number;
      label[at++] = data.label[i] as number;
    }
    return { rows, features: data.features, columns, label };
  };
  return [part(data.rows - v, 0), part(v, 1)];
}
