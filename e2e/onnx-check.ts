// An ONNX file downloaded from Roundhouse, scored with onnxruntime in the test process: the rows
// are encoded as its metadata says (categories as their index), as an outside consumer would.
import type { APIRequestContext } from "@playwright/test";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";

interface Feature {
  name: string;
  kind: "numeric" | "categorical";
  categories?: string[];
}

export async function onnxProbabilities(file: Uint8Array, rows: Record<string, string | number | null>[]) {
  const meta = onnxProto.onnx.ModelProto.decode(file).metadataProps;
  const features = JSON.parse(meta.find((p) => p.key === "roundhouse.features")?.value ?? "[]") as Feature[];
  const input = new Float32Array(rows.length * features.length);
  for (const [i, row] of rows.entries()) {
    for (const [j, f] of features.entries()) {
      const v = row[f.name];
      // Missing, and a category it never saw, are NaN: what the served model does with them.
      const code = f.kind === "categorical" ? (f.categories ?? []).indexOf(String(v)) : Number(v);
      input[i * features.length + j] = v === null || v === undefined || code === -1 ? Number.NaN : code;
    }
  }
  const session = await ort.InferenceSession.create(file);
  const out = await session.run({ features: new ort.Tensor("float32", input, [rows.length, features.length]) });
  await session.release();
  return { features, probabilities: Array.from(out.probabilities?.data as Float32Array), metadata: meta };
}

/** The served P(class) for each row of a version, through the predict API. */
export async function servedProbabilities(api: APIRequestContext, model: string, version: number, rows: object[], cls: string) {
  const res = await api.post(`/api/v1/models/${model}/predict?version=${version}`, { data: rows });
  const body = (await res.json()) as { predictions: { probabilities: Record<string, number> }[] };
  return body.predictions.map((p) => p.probabilities[cls] as number);
}
