// A job trained by a workflow (Python): the workflow's version is looked up by the name@version the
// submitted spec was pinned to, run on the job's split, and its model imported into Roundhouse's
// format. The import must predict what the library predicted (max abs difference ≤ 1e-6 on the
// holdout) or the job fails: a served model is the model that was evaluated.
import fs from "node:fs";
import { parseWorkflowRef, type TrainingSpec } from "@roundhouse/contracts";
import { type Db, findWorkflowVersion } from "@roundhouse/db";
import { type Dataset, importModel, type ModelDescription, predictAll, type Task } from "@roundhouse/ml";
import { runWorkflow, type WorkflowListener } from "@roundhouse/workflows";
import { folderArtifactStore } from "./artifact-store.ts";
import { JobFailure } from "./training-split.ts";

export const IMPORT_TOLERANCE = 1e-6;

interface Parts {
  train: Dataset;
  valid?: Dataset;
  holdout: Dataset;
  task: Task;
  classes?: string[] | null;
}

export async function fitWithWorkflow(db: Db, spec: TrainingSpec, parts: Parts, jobDir: string, on: WorkflowListener) {
  const { name, version } = parseWorkflowRef(spec.train.workflow);
  const row = await findWorkflowVersion(db, name, version);
  if (!row) throw new JobFailure(`The workflow ${spec.train.workflow} is not registered.`);
  on.log(`workflow ${row.name} version ${row.version} (sha256 ${row.sha256.slice(0, 12)}…)`);
  const result = await runWorkflow(
    {
      source: row.source,
      jobDir,
      task: parts.task,
      classes: parts.classes ?? null,
      features: parts.train.features,
      params: spec.train.params,
      seed: spec.data.holdout.kind === "random" ? spec.data.holdout.seed : 42,
      threads: spec.resources.cpu,
      train: parts.train,
      valid: parts.valid,
      holdout: parts.holdout,
    },
    on,
  );
  let model: ReturnType<typeof importModel>;
  try {
    model = importModel(result.model as ModelDescription, parts.train.features, parts.task);
  } catch (err) {
    throw new JobFailure(`The ${result.library} model could not be imported for serving: ${(err as Error).message}`);
  }
  const native = predictAll(model, parts.holdout.columns, parts.holdout.rows);
  let worst = 0;
  for (let i = 0; i < native.length; i++) worst = Math.max(worst, Math.abs((native[i] as number) - (result.predictions[i] as number)));
  if (!(worst <= IMPORT_TOLERANCE))
    throw new JobFailure(
      `The imported ${result.library} model predicts up to ${worst.toExponential(2)} away from the library on the holdout (tolerance ${IMPORT_TOLERANCE}); it was not stored.`,
    );
  on.log(`imported the ${result.library} model: holdout predictions within ${worst.toExponential(2)} of the library's`);
  const original = await folderArtifactStore().put(fs.readFileSync(result.originalFile), result.originalFile.split(".").at(-1) ?? "bin");
  return {
    model,
    predictions: result.predictions,
    provenance: {
      workflowVersionId: row.id,
      workflow: { name: row.name, version: row.version, sha256: row.sha256, library: result.library },
      originalModel: original,
      importDifference: worst,
      libraryFitSeconds: result.fitSeconds,
    },
  };
}
