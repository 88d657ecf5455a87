// Predictions from any stored model: Roundhouse's own models score in-process (predictAll), ONNX
// graphs from a workflow (PyTorch) through onnxruntime. One session per model object, created on
// first use and kept while the model is: a session costs milliseconds to build, a row microseconds.
import { isOnnxModel, type OnnxModel, predictAll, type StoredModel } from "@roundhouse/ml";
import * as ort from "onnxruntime-node";

const sessions = new WeakMap<OnnxModel, Promise<ort.InferenceSession>>();

function sessionOf(model: OnnxModel): Promise<ort.InferenceSession> {
  let session = sessions.get(model);
  if (!session) {
    session = ort.InferenceSession.create(Buffer.from(model.onnx, "base64"), { intraOpNumThreads: 1, interOpNumThreads: 1 });
    sessions.set(model, session);
  }
  return session;
}

/** Row-major float32 rows (rows × features) through the graph: values per row as predictAll gives them. */
export async function predictOnnx(model: OnnxModel, input: Float32Array, rows: number): Promise<Float64Array> {
  const F = model.features.length;
  if (rows === 0) return new Float64Array(0);
  const session = await sessionOf(model);
  const result = await session.run({ [model.input]: new ort.Tensor("float32", input, [rows, F]) });
  const output = result[model.output];
  if (!output) throw new Error(`The ONNX graph has no output named ${model.output}.`);
  const values = output.data as Float32Array;
  if (values.length !== rows * model.outputs)
    throw new Error(`The ONNX graph gave ${values.length} values for ${rows} rows; expected ${rows * model.outputs}.`);
  return Float64Array.from(values);
}

/** Predictions for column-major rows (probs[i * K + k], or one value per row), whatever scores the model. */
export async function predictStored(model: StoredModel, columns: ArrayLike<number>[], rows: number): Promise<Float64Array> {
  if (!isOnnxModel(model)) return predictAll(model, columns, rows);
  const F = columns.length;
  const input = new Float32Array(rows * F);
  for (let f = 0; f < F; f++) {
    const column = columns[f] as ArrayLike<number>;
    for (let i = 0; i < rows; i++) input[i * F + f] = column[i] as number;
  }
  return predictOnnx(model, input, rows);
}
