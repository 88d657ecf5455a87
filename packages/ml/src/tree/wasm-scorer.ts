// Complete trees scored by the WebAssembly kernel (wasm/scoring.ts): the model's arrays are copied
// once into the instance's memory, then rows are ranked in JavaScript into a scratch area there
// and walked in WebAssembly. Falls back to the JavaScript walk (complete-trees.ts), which is also
// the reference, when ROUNDHOUSE_SCORING_KERNEL=js or WebAssembly is unavailable.
import { SCORING_WASM_BASE64 } from "../wasm/scoring-wasm.ts";
import { compileOnce, wasm } from "../wasm/webassembly.ts";
import type { CompleteTrees } from "./complete-trees.ts";

interface ScoringExports {
  scoreRows(...args: number[]): void;
  scoreRow(...args: number[]): void;
}

export interface WasmScorer {
  /** Ranks of up to `blockRows` rows, row i at i * stride: write them, then call scoreRows/scoreRow. */
  ranks: Int32Array;
  /** Scores of up to `blockRows` rows (row i at i * K): set the start, read the sums. */
  out: Float64Array;
  scoreRows(rows: number): void;
  scoreRow(): void;
}

const scoringModule = compileOnce(SCORING_WASM_BASE64);

export function wasmScorer(c: CompleteTrees, K: number, blockRows: number): WasmScorer | null {
  if (process.env.ROUNDHOUSE_SCORING_KERNEL === "js") return null;
  const module = scoringModule();
  if (!module) return null;
  // Layout: 8-byte arrays first so every f64 is aligned, then the 4-byte ones.
  const parts: [string, ArrayLike<number>, 4 | 8][] = [
    ["leaf", c.leaf, 8],
    ["out", new Float64Array(blockRows * K), 8],
    ["output", c.output, 4],
    ["node", c.node, 4],
    ["sets", c.sets, 4],
    ["ranks", new Int32Array(blockRows * c.stride), 4],
  ];
  const at: Record<string, number> = {};
  let bytes = 0;
  for (const [name, array, size] of parts) {
    at[name] = bytes;
    bytes += array.length * size;
  }
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
  const instance = new wasm.Instance(module, { env: { memory } });
  const kernel = instance.exports as unknown as ScoringExports;
  for (const [name, array, size] of parts) {
    const view =
      size === 8 ? new Float64Array(memory.buffer, at[name], array.length) : new Int32Array(memory.buffer, at[name], array.length);
    view.set(array);
  }
  const p = (name: string) => at[name] as number;
  const model = [p("output"), p("node"), p("sets"), p("leaf")] as const;
  return {
    ranks: new Int32Array(memory.buffer, p("ranks"), blockRows * c.stride),
    out: new Float64Array(memory.buffer, p("out"), blockRows * K),
    scoreRows: (rows) => kernel.scoreRows(c.depth, c.trees, ...model, p("ranks"), c.stride, rows, p("out"), K),
    scoreRow: () => kernel.scoreRow(c.depth, c.trees, ...model, p("ranks"), p("out")),
  };
}
