// ONNX export of a Roundhouse model, for serving it anywhere ONNX runs. Trees become ai.onnx.ml
// TreeEnsembleClassifier/Regressor, linear models LinearClassifier/Regressor behind a few standard
// ops that do what our encoder does (standardize, missing → mean, one-hot). The graph takes one
// float32 input, `features` [rows, F], in the model's feature order: a categorical feature as the
// index of its category in the `roundhouse.features` metadata, a missing value as NaN.
import onnxProto from "onnx-proto";
import { float32AtOrBelow } from "../import/float32-split.ts";
import type { LabelInfo, Model } from "../model/model.ts";
import type { Tree } from "../tree/tree.ts";

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type IAttr = onnxProto.onnx.IAttributeProto;
type ITensor = onnxProto.onnx.ITensorProto;
type IValueInfo = onnxProto.onnx.IValueInfoProto;

export const ONNX_INPUT = "features";
const ML = "ai.onnx.ml";
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const BOOL = onnx.TensorProto.DataType.BOOL;

/** What the exported graph returns: classifiers give `label` and `probabilities`, regressors `variable`. */
export function onnxOutputs(model: Model): string[] {
  return model.task === "regression" ? ["variable"] : ["label", "probabilities"];
}

/** The model as an ONNX file (protobuf bytes); `metadata` lands in the file's metadata_props. */
export function modelToOnnx(model: Model, label: LabelInfo, metadata: Record<string, string> = {}): Uint8Array {
  const F = model.features.length;
  const graph = model.algorithm === "gbdt" || model.algorithm === "random_forest" ? treeGraph(model) : linearGraph(model);
  const classes = model.task === "regression" ? 0 : Math.max(2, model.outputs);
  const outputs: IValueInfo[] =
    model.task === "regression"
      ? [tensorInfo("variable", FLOAT, ["N", 1])]
      : [tensorInfo("label", INT64, ["N"]), tensorInfo("probabilities", FLOAT, ["N", classes])];
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "roundhouse",
    producerVersion: "1",
    opsetImport: [
      { domain: "", version: 17 },
      { domain: ML, version: 3 },
    ],
    docString: `Roundhouse ${model.algorithm} (${model.task}) predicting ${label.name}`,
    graph: {
      name: "roundhouse",
      node: graph.nodes,
      initializer: graph.initializers,
      input: [tensorInfo(ONNX_INPUT, FLOAT, ["N", F])],
      output: outputs,
    },
    metadataProps: Object.entries({
      "roundhouse.features": JSON.stringify(model.features),
      "roundhouse.label": JSON.stringify(label),
      "roundhouse.input":
        "features: float32 [rows, features] in roundhouse.features order; a categorical value as the index of its category; missing, or a category it never saw, as NaN (as Roundhouse serves them)",
      ...metadata,
    }).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(proto).finish();
}

interface Graph {
  nodes: INode[];
  initializers: ITensor[];
}

/** Flat ai.onnx.ml node lists for trees; a categorical split becomes a chain of BRANCH_EQ nodes. */
function treeNodes(trees: Tree[], leafValue: (tree: number, value: number) => number) {
  const n = { treeIds: [] as number[], nodeIds: [] as number[], features: [] as number[], modes: [] as string[] };
  const v = { values: [] as number[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[] };
  const leaves = { treeIds: [] as number[], nodeIds: [] as number[], outputs: [] as number[], weights: [] as number[] };
  const push = (t: number, id: number, feature: number, mode: string, value: number, yes: number, no: number, missing: number) => {
    n.treeIds.push(t);
    n.nodeIds.push(id);
    n.features.push(feature);
    n.modes.push(mode);
    v.values.push(value);
    v.trueIds.push(yes);
    v.falseIds.push(no);
    v.missingTrue.push(missing);
  };
  trees.forEach((tree, t) => {
    let next = tree.feature.length;
    for (let node = 0; node < tree.feature.length; node++) {
      const left = tree.left[node] as number;
      if (left === -1) {
        push(t, node, 0, "LEAF", 0, 0, 0, 0);
        leaves.treeIds.push(t);
        leaves.nodeIds.push(node);
        leaves.weights.push(leafValue(t, tree.value[node] as number));
        continue;
      }
      const feature = tree.feature[node] as number;
      const right = tree.right[node] as number;
      const missing = tree.defaultLeft[node] as number;
      const set = tree.categories[node];
      if (!set) {
        push(t, node, feature, "BRANCH_LEQ", float32AtOrBelow(tree.threshold[node] as number), left, right, missing);
        continue;
      }
      // x ∈ {a, b, c} → left: "x == a ? left : (x == b ? left : (x == c ? left : right))"; the nodes
      // share their true child (onnxruntime reads such chains as one set membership).
      const codes = set.length ? set : [Number.NaN];
      codes.forEach((code, i) => {
        const id = i === 0 ? node : next++;
        const no = i === codes.length - 1 ? right : next;
        push(t, id, feature, "BRANCH_EQ", code, left, no, missing);
      });
    }
  });
  return { n, v, leaves };
}

function treeGraph(model: Extract<Model, { algorithm: "gbdt" | "random_forest" }>): Graph {
  const K = model.outputs;
  const output = (t: number) => t % K;
  // Boosting starts from the base score: folded into the first round's leaves (onnxruntime ignores
  // base_values in some forms). A forest averages its trees per output.
  const perOutput = model.trees.length / K;
  const leafValue =
    model.algorithm === "gbdt"
      ? (t: number, value: number) => value + (t < K ? (model.baseScore[t] as number) : 0)
      : (_t: number, value: number) => value / perOutput;
  const { n, v, leaves } = treeNodes(model.trees, leafValue);
  // The regressor and the classifier name the same leaf lists target_* and class_*.
  const leafAttrs = (prefix: "target" | "class"): IAttr[] => [
    ints(`${prefix}_treeids`, leaves.treeIds),
    ints(`${prefix}_nodeids`, leaves.nodeIds),
    ints(`${prefix}_ids`, leaves.treeIds.map(output)),
    floats(`${prefix}_weights`, leaves.weights),
  ];
  const nodeAttrs: IAttr[] = [
    ints("nodes_treeids", n.treeIds),
    ints("nodes_nodeids", n.nodeIds),
    ints("nodes_featureids", n.features),
    strings("nodes_modes", n.modes),
    floats("nodes_values", v.values),
    ints("nodes_truenodeids", v.trueIds),
    ints("nodes_falsenodeids", v.falseIds),
    ints("nodes_missing_value_tracks_true", v.missingTrue),
  ];
  if (model.task === "regression") {
    const node: INode = {
      opType: "TreeEnsembleRegressor",
      domain: ML,
      input: [ONNX_INPUT],
      output: ["variable"],
      attribute: [
        ...nodeAttrs,
        ...leafAttrs("target"),
        int("n_targets", 1),
        string("aggregate_function", "SUM"),
        string("post_transform", "NONE"),
      ],
    };
    return { nodes: [node], initializers: [] };
  }
  const classes = Math.max(2, K);
  const postTransform = model.algorithm === "random_forest" ? "NONE" : K === 1 ? "LOGISTIC" : "SOFTMAX";
  // A multiclass forest's per-class averages are divided by their sum, as the engine does.
  const normalize = model.algorithm === "random_forest" && K > 1;
  const node: INode = {
    opType: "TreeEnsembleClassifier",
    domain: ML,
    input: [ONNX_INPUT],
    output: ["label", normalize ? "class_scores" : "probabilities"],
    attribute: [
      ...nodeAttrs,
      ...leafAttrs("class"),
      ints("classlabels_int64s", classLabels(classes)),
      string("post_transform", postTransform),
    ],
  };
  if (!normalize) return { nodes: [node], initializers: [] };
  return {
    nodes: [
      node,
      { opType: "ReduceSum", input: ["class_scores", "axis_1"], output: ["score_sum"], attribute: [int("keepdims", 1)] },
      { opType: "Max", input: ["score_sum", "tiny"], output: ["score_divisor"] },
      { opType: "Div", input: ["class_scores", "score_divisor"], output: ["probabilities"] },
    ],
    initializers: [tensor("axis_1", INT64, [1], [1]), tensor("tiny", FLOAT, [1], [1e-30])],
  };
}

/**
 * design = where(categorical, features[:, f] == code, nan→0((features[:, f] - mean) / std)) for
 * each design column, then the linear op: exactly the encoder's row (unseen or missing
 * categories give all zeros).
 */
function linearGraph(model: Extract<Model, { algorithm: "logistic_regression" | "linear_regression" }>): Graph {
  const e = model.encoder;
  const source: number[] = [];
  const mean: number[] = [];
  const std: number[] = [];
  const code: number[] = [];
  const categorical: number[] = [];
  e.kind.forEach((kind, f) => {
    const width = kind === "numeric" ? 1 : (e.categories[f] as number);
    for (let c = 0; c < width; c++) {
      source.push(f);
      mean.push(e.mean[f] as number);
      std.push(e.std[f] as number);
      code.push(kind === "numeric" ? 0 : c);
      categorical.push(kind === "numeric" ? 0 : 1);
    }
  });
  const W = source.length;
  const initializers = [
    tensor("design_source", INT64, [W], source),
    tensor("design_mean", FLOAT, [W], mean),
    tensor("design_std", FLOAT, [W], std),
    tensor("design_code", FLOAT, [W], code),
    tensor("design_categorical", BOOL, [W], categorical),
    tensor("zero", FLOAT, [], [0]),
  ];
  const nodes: INode[] = [
    { opType: "Gather", input: [ONNX_INPUT, "design_source"], output: ["gathered"], attribute: [int("axis", 1)] },
    { opType: "Sub", input: ["gathered", "design_mean"], output: ["centred"] },
    { opType: "Div", input: ["centred", "design_std"], output: ["standardized"] },
    { opType: "IsNaN", input: ["standardized"], output: ["missing"] },
    { opType: "Where", input: ["missing", "zero", "standardized"], output: ["numeric"] },
    { opType: "Equal", input: ["gathered", "design_code"], output: ["is_code"] },
    { opType: "Cast", input: ["is_code"], output: ["one_hot"], attribute: [int("to", FLOAT)] },
    { opType: "Where", input: ["design_categorical", "one_hot", "numeric"], output: ["design"] },
  ];
  const coefficients = floats("coefficients", model.weights);
  const intercepts = floats("intercepts", model.intercept);
  if (model.task === "regression") {
    nodes.push({
      opType: "LinearRegressor",
      domain: ML,
      input: ["design"],
      output: ["variable"],
      attribute: [coefficients, intercepts, int("targets", 1), string("post_transform", "NONE")],
    });
  } else {
    const classes = Math.max(2, model.outputs);
    nodes.push({
      opType: "LinearClassifier",
      domain: ML,
      input: ["design"],
      output: ["label", "probabilities"],
      attribute: [
        coefficients,
        intercepts,
        ints("classlabels_ints", classLabels(classes)),
        string("post_transform", model.outputs === 1 ? "LOGISTIC" : "SOFTMAX"),
      ],
    });
  }
  return { nodes, initializers };
}

const classLabels = (classes: number) => Array.from({ length: classes }, (_, k) => k);
const Attr = onnx.AttributeProto.AttributeType;
const utf8 = (s: string) => new TextEncoder().encode(s);
const int = (name: string, i: number): IAttr => ({ name, type: Attr.INT, i });
const ints = (name: string, values: number[]): IAttr => ({ name, type: Attr.INTS, ints: values });
const floats = (name: string, values: number[]): IAttr => ({ name, type: Attr.FLOATS, floats: values });
const string = (name: string, s: string): IAttr => ({ name, type: Attr.STRING, s: utf8(s) });
const strings = (name: string, values: string[]): IAttr => ({ name, type: Attr.STRINGS, strings: values.map(utf8) });

function tensor(name: string, dataType: number, dims: number[], values: number[]): ITensor {
  if (dataType === FLOAT) return { name, dataType, dims, floatData: values };
  if (dataType === INT64) return { name, dataType, dims, int64Data: values };
  return { name, dataType, dims, int32Data: values };
}

function tensorInfo(name: string, elemType: number, shape: (string | number)[]): IValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}
