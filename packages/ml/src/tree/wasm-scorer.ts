// Complete trees scored by the WebAssembly kernel (wasm/scoring.ts): the model's arrays are copied
// once into the instance's memory in the kernel's layout (see there), then rows are ranked in
// JavaScript into a scratch area there and walked in WebAssembly. Falls back to the JavaScript
// walk (complete-trees.ts), which is also the reference, when ROUNDHOUSE_SCORING_KERNEL=js or
// WebAssembly is unavailable.
import { SCORING_WASM_BASE64 } from "../wasm/scoring-wasm.ts";
import { compileOnce, wasm } from "../wasm/webassembly.ts";
import { type CompleteTrees, rankOf, SLOT_BITS } from "./complete-trees.ts";

interface ScoringExports {
  scoreRows(...args: number[]): void;
  scoreRow(...args: number[]): void;
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

/** A rank as the kernel reads it: its set word's byte offset (word (r >>> 5) & 15) << 5, and its bit. */
const encode = (r: number) => (((r >>> 5) & 15) << 7) | (r & 31);

export function wasmScorer(c: CompleteTrees, K: number, blockRows: number): WasmScorer | null {
  if (process.env.ROUNDHOUSE_SCORING_KERNEL === "js") return null;
  const module = scoringModule();
  if (!module) return null;
  const groups = Math.ceil(blockRows / GROUP);
  // Layout: 8-byte arrays first so every f64 is aligned, then the 4-byte ones.
  const parts: [string, number, 4 | 8][] = [
    ["leaf", c.leaf.length, 8],
    ["out", blockRows * K, 8],
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
  const ranks = new Int32Array(memory.buffer, p("ranks"), groups * GROUP * c.stride);
  const groupInts = GROUP * c.stride;
  const model = [p("output"), p("node"), p("leaf")] as const;
  return {
    out: new Float64Array(memory.buffer, p("out"), blockRows * K),
    rankRows(columns, first, rows) {
      for (let u = 0; u < c.used.length; u++) {
        const column = columns[c.used[u] as number] as ArrayLike<number>;
        const edges = c.edges[u] as Float64Array | null;
        for (let i = 0; i < rows; i++)
          ranks[(i >> 3) * groupInts + u * GROUP + (i & 7)] = encode(rankOf(edges, column[first + i] as number));
      }
    },
    rankRow(x) {
      for (let u = 0; u < c.used.length; u++)
        ranks[u * GROUP] = encode(rankOf(c.edges[u] as Float64Array | null, x[c.used[u] as number] as number));
    },
    scoreRows: (rows) => kernel.scoreRows(c.depth, c.trees, ...model, p("ranks"), c.stride, rows, p("out"), K),
    scoreRow: () => kernel.scoreRow(c.depth, c.trees, ...model, p("ranks"), p("out")),
  };
}
