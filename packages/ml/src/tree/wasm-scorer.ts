// Complete trees scored by the WebAssembly kernel (wasm/scoring.ts): the model's arrays are copied
// once into the instance's memory in the kernel's layout (see there); rows are copied in, ranked
// and walked there. Falls back to the JavaScript
// walk (complete-trees.ts), which is also the reference, when ROUNDHOUSE_SCORING_KERNEL=js or
// WebAssembly is unavailable.
import { SCORING_WASM_BASE64 } from "../wasm/scoring-wasm.ts";
import { compileOnce, wasm } from "../wasm/webassembly.ts";
import { type CompleteTrees, SLOT_BITS } from "./complete-trees.ts";

interface ScoringExports {
  scoreRows(...args: number[]): void;
  scoreRow(...args: number[]): void;
  rankColumn(values: number, count: number, edges: number, size: number, ranks: number, groupBytes: number): void;
  rankRow(x: number, features: number, used: number, ranks: number): void;
}

export interface WasmScorer {
  /** Scores of up to `blockRows` rows (row i at i * K): set the start, rank, score, read the sums. */
  out: Float64Array;
  /** Ranks rows first..first+rows of column-major data (at most blockRows). */
  rankRows(columns: ArrayLike<number>[], first: number, rows: number): void;
  /** Ranks one row of raw feature values. */
  rankRow(x: ArrayLike<number>): void;
  scoreRows(rows: number): void;
  scoreRow(): void;
}

/** Rows per group of ranks: the kernel walks a group's rows together. */
const GROUP = 8;

const scoringModule = compileOnce(SCORING_WASM_BASE64);

/** Thresholds padded with +Infinity to a power of two less one (the kernel's branchless search); 0 for a category. */
const searchSize = (edges: Float64Array | null) => (edges ? 2 ** Math.ceil(Math.log2(edges.length + 1)) : 0);

export function wasmScorer(c: CompleteTrees, K: number, blockRows: number): WasmScorer | null {
  if (process.env.ROUNDHOUSE_SCORING_KERNEL === "js") return null;
  const module = scoringModule();
  if (!module) return null;
  const groups = Math.ceil(blockRows / GROUP);
  // Layout: 8-byte arrays first so every f64 is aligned, then the 4-byte ones.
  const sizes = c.edges.map(searchSize);
  // A row's raw values up to the last feature used.
  const width = Math.max(0, ...c.used) + 1;
  const parts: [string, number, 4 | 8][] = [
    ["leaf", c.leaf.length, 8],
    ["out", blockRows * K, 8],
    ["edges", sizes.reduce((a, b) => a + b, 0), 8],
    ["values", blockRows, 8],
    ["row", width, 8],
    ["features", c.used.length * 3, 4],
    ["output", c.output.length, 4],
    ["node", c.node.length * 2, 4],
    ["sets", c.sets.length, 4],
    ["ranks", groups * GROUP * c.stride, 4],
  ];
  const at: Record<string, number> = {};
  let bytes = 0;
  for (const [name, length, size] of parts) {
    at[name] = bytes;
    bytes += length * size;
  }
  const p = (name: string) => at[name] as number;
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
  const instance = new wasm.Instance(module, { env: { memory } });
  const kernel = instance.exports as unknown as ScoringExports;
  new Float64Array(memory.buffer, p("leaf"), c.leaf.length).set(c.leaf);
  new Int32Array(memory.buffer, p("output"), c.output.length).set(c.output);
  new Int32Array(memory.buffer, p("sets"), c.sets.length).set(c.sets);
  // Each split node: its slot's byte offset in a group of ranks, and its set's byte address.
  const node = new Int32Array(memory.buffer, p("node"), c.node.length * 2);
  for (let n = 0; n < c.node.length; n++) {
    const w = c.node[n] as number;
    node[2 * n] = (w & ((1 << SLOT_BITS) - 1)) * GROUP * 4;
    node[2 * n + 1] = p("sets") + (w >>> SLOT_BITS) * 4;
  }
  // Per used feature: its column, its padded thresholds' address and their size.
  const features = new Int32Array(memory.buffer, p("features"), c.used.length * 3);
  const edgesAt: number[] = [];
  let edgeByte = p("edges");
  for (let u = 0; u < c.used.length; u++) {
    const edges = c.edges[u] as Float64Array | null;
    const size = sizes[u] as number;
    const padded = new Float64Array(memory.buffer, edgeByte, size).fill(Number.POSITIVE_INFINITY);
    if (edges) padded.set(edges);
    features.set([c.used[u] as number, edgeByte, size], 3 * u);
    edgesAt.push(edgeByte);
    edgeByte += size * 8;
  }
  const values = new Float64Array(memory.buffer, p("values"), blockRows);
  const row = new Float64Array(memory.buffer, p("row"), width);
  const groupBytes = GROUP * c.stride * 4;
  const model = [p("output"), p("node"), p("leaf")] as const;
  return {
    out: new Float64Array(memory.buffer, p("out"), blockRows * K),
    rankRows(columns, first, rows) {
      for (let u = 0; u < c.used.length; u++) {
        copyInto(values, columns[c.used[u] as number] as ArrayLike<number>, first, rows);
        kernel.rankColumn(p("values"), rows, edgesAt[u] as number, sizes[u] as number, p("ranks") + u * GROUP * 4, groupBytes);
      }
    },
    rankRow(x) {
      copyInto(row, x, 0, width);
      kernel.rankRow(p("row"), p("features"), c.used.length, p("ranks"));
    },
    scoreRows: (rows) => kernel.scoreRows(c.depth, c.trees, ...model, p("ranks"), c.stride, rows, p("out"), K),
    scoreRow: () => kernel.scoreRow(c.depth, c.trees, ...model, p("ranks"), p("out")),
  };
}

/**
 * values[0..count) = from[first..first + count): a typed array's part in one native copy, anything
 * else (or a row too short, its missing entries NaN) value by value.
 */
function copyInto(values: Float64Array, from: ArrayLike<number>, first: number, count: number): void {
  if (ArrayBuffer.isView(from) && from.length >= first + count) values.set((from as Float64Array).subarray(first, first + count));
  else for (let i = 0; i < count; i++) values[i] = from[first + i] ?? Number.NaN;
}
