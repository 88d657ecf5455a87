// The model file: a versioned, self-describing JSON document (features with their types and
// categories, label classes, algorithm, parameters, training metadata) with a SHA-256 checksum of
// its canonical body, verified on load. Same data, parameters and seed give the same bytes: the
// document has no timestamps and keys are written in a fixed order.
import { createHash } from "node:crypto";
import type { LabelInfo } from "./model.ts";
import type { StoredModel } from "./onnx-model.ts";

export const MODEL_FORMAT = "roundhouse-model";
export const MODEL_FORMAT_VERSION = 1;

export interface ModelDocument {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  algorithm: StoredModel["algorithm"];
  task: StoredModel["task"];
  features: StoredModel["features"];
  label: LabelInfo;
  training: Record<string, unknown>;
  model: StoredModel;
  checksum: string;
}

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFormatError";
  }
}

export function serializeModel(model: StoredModel, label: LabelInfo, training: Record<string, unknown> = {}): string {
  const body = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    algorithm: model.algorithm,
    task: model.task,
    features: model.features,
    label,
    training,
    model,
  };
  const text = canonical(body);
  return `${text.slice(0, -1)},"checksum":"${sha256(text)}"}\n`;
}

export function deserializeModel(text: string): ModelDocument {
  let doc: ModelDocument;
  try {
    doc = JSON.parse(text, (_k, v) => (v && typeof v === "object" && v.$typed ? fromTyped(v) : v));
  } catch {
    throw new ModelFormatError("This is not a Roundhouse model file: it is not JSON.");
  }
  if (doc?.format !== MODEL_FORMAT)
    throw new ModelFormatError(`This is not a Roundhouse model file (format is ${JSON.stringify(doc?.format ?? null)}).`);
  if (doc.formatVersion > MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(
      `The model file is format version ${doc.formatVersion}; this Roundhouse reads up to ${MODEL_FORMAT_VERSION}. Upgrade Roundhouse.`,
    );
  }
  const { checksum, ...body } = doc;
  const raw = JSON.parse(text);
  delete raw.checksum;
  if (sha256(canonical(raw, true)) !== checksum)
    throw new ModelFormatError("The model file is corrupt: its checksum does not match its content.");
  return { ...body, checksum } as ModelDocument;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** JSON with keys sorted; typed arrays as { $typed, data } so they load back as the same type. */
function canonical(value: unknown, alreadyPlain = false): string {
  return JSON.stringify(sortKeys(alreadyPlain ? value : toPlain(value)));
}

function toPlain(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return { $typed: v.constructor.name, data: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(toPlain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

const TYPED: Record<string, new (data: number[]) => ArrayLike<number>> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Uint16Array,
};

function fromTyped(v: { $typed: string; data: number[] }) {
  const Ctor = TYPED[v.$typed];
  if (!Ctor) throw new ModelFormatError(`The model file holds an unknown array type ${v.$typed}.`);
  return new Ctor(v.data);
}
