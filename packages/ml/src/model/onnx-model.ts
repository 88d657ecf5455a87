// A model Roundhouse cannot describe as trees or coefficients (a PyTorch network from a workflow)
// is kept as the ONNX graph its workflow exported, inside the ordinary model file, so it carries the
// same checksum, feature schema, label and provenance as any other model. It is scored by
// onnxruntime (in @roundhouse/serving), not by this package; it has no reasons.
import type { FeatureInfo, Task } from "../dataset.ts";
import type { Model } from "./model.ts";

export interface OnnxModel {
  algorithm: "onnx";
  task: Task;
  features: FeatureInfo[];
  /** Values per row the graph gives: P(class 1) for binary, one per class for multiclass, the value for regression. */
  outputs: number;
  /** The graph's float32 input (rows × features, NaN for missing, category codes) and its output. */
  input: string;
  output: string;
  /** The ONNX file, base64. */
  onnx: string;
  /** Which library made the graph (torch). */
  library: string;
}

/** Any model a model file holds: one Roundhouse scores itself, or an ONNX graph. */
export type StoredModel = Model | OnnxModel;

export const isOnnxModel = (model: StoredModel): model is OnnxModel => model.algorithm === "onnx";

/** The model when Roundhouse scores it itself; a clear error when it is an ONNX graph. */
export function nativeModel(model: StoredModel, purpose: string): Model {
  if (isOnnxModel(model))
    throw new Error(`${purpose} needs a model Roundhouse scores itself; this one is an ONNX graph from ${model.library}.`);
  return model;
}
