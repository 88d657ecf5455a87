// A job trained by a workflow (Python): the workflow's version is looked up by the name@version the
// submitted spec was pinned to, run on the job's split, and its model imported into Roundhouse's
// format. The import must predict what the library predicted (max abs difference ≤ 1e-6 on the
// holdout) or the job fails: a served model is the model that was evaluated. A PyTorch module comes
// as an ONNX graph instead, kept in the model file and checked the same way through onnxruntime
// (both sides float32: within ONNX_TOLERANCE).
import fs from "node:fs";
import path from "node:path";
import { parseWorkflowRef, type TrainingSpec } from "@roundhouse/contracts";
import { type Db, findWorkflowVersion } from "@roundhouse/db";
import { type Dataset, importModel, type ModelDescription, type OnnxModel, predictAll, type StoredModel, type Task } from "@roundhouse/ml";
import { ONNX_TOLERANCE, predictStored } from "@roundhouse/serving";
import { runWorkflow, type WorkflowListener } from "@roundhouse/workflows";
import { storeArtifact } from "./artifact-store.ts";
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
  const described = result.model as ModelDescription | OnnxDescription;
  let model: StoredModel;
  try {
    model = described.kind === "onnx" ? onnxModel(described, jobDir, parts) : importModel(described, parts.train.features, parts.task);
  } catch (err) {
    throw new JobFailure(`The ${result.library} model could not be imported for serving: ${(err as Error).message}`);
  }
  const served = described.kind === "onnx" ? await predictStored(model, parts.holdout.columns, parts.holdout.rows) : null;
  const ours = served ?? predictAll(model as Exclude<StoredModel, OnnxModel>, parts.holdout.columns, parts.holdout.rows);
  // float32 graphs: regression values are compared relative to their size.
  const relative = served !== null && parts.task === "regression";
  const tolerance = served ? ONNX_TOLERANCE : IMPORT_TOLERANCE;
  let worst = 0;
  for (let i = 0; i < ours.length; i++) {
    const want = result.predictions[i] as number;
    const diff = Math.abs((ours[i] as number) - want) / (relative ? Math.max(1, Math.abs(want)) : 1);
    worst = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(worst, diff);
  }
  if (!(worst <= tolerance))
    throw new JobFailure(
      `The ${served ? "ONNX export of the" : "imported"} ${result.library} model predicts up to ${worst.toExponential(2)} away from the library on the holdout (tolerance ${tolerance}); it was not stored.`,
    );
  on.log(
    `${served ? "exported the" : "imported the"} ${result.library} model${served ? " to ONNX" : ""}: holdout predictions within ${worst.toExponential(2)} of the library's`,
  );
  const original = await storeArtifact(fs.readFileSync(result.originalFile), result.originalFile.split(".").at(-1) ?? "bin");
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

interface OnnxDescription {
  library: string;
  kind: "onnx";
  file: string;
  input: string;
  output: string;
  outputs: number;
}

/** The workflow's ONNX graph, read from the job folder, as a model file's content. */
function onnxModel(d: OnnxDescription, jobDir: string, parts: Parts): OnnxModel {
  const outputs = parts.task === "multiclass" ? (parts.classes?.length ?? 0) : 1;
  if (d.outputs !== outputs) throw new Error(`the graph gives ${d.outputs} values per row; a ${parts.task} model gives ${outputs}`);
  return {
    algorithm: "onnx",
    task: parts.task,
    features: parts.train.features,
    outputs,
    input: String(d.input),
    output: String(d.output),
    onnx: fs.readFileSync(path.join(jobDir, path.basename(String(d.file)))).toString("base64"),
    library: d.library,
  };
}
