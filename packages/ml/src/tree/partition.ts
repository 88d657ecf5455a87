// Partitioning a node's rows by its split (grow.ts): rows whose bin of the split's feature goes left
// move to the front of each of the node's segments, both sides keeping their order. A table by bin
// says which way each bin goes: a lookup per row costs no more than a compare, and one table serves
// numeric and categorical splits. With a fit arena, WebAssembly does it (wasm/fitting.ts partition),
// on the helper threads too (parallel-fit.ts); partitionRange is the JavaScript version.
import type { BinnedRows } from "./binning.ts";
import type { FitArena } from "./fit-arena.ts";
import type { Split } from "./split-finder.ts";

/** One node's partition: the children's segments are appended to `left` and `right`. */
export interface PartitionTask {
  feature: number;
  segments: number[];
  /** goesLeft[bin] = 1 where the bin goes left (leftBinTable). */
  goesLeft: Uint8Array;
  left: number[];
  right: number[];
}

/**
 * Partitions a batch of nodes: in each segment of each, rows whose bin of the node's feature goes
 * left first (in place, both sides in their order).
 */
export type Partitioner = (tasks: PartitionTask[]) => void;

/**
 * Which bins go left, as a table by bin: a category set, or the value bins up to the split's; bin 0
 * (missing) by the learned default direction. A lookup per row costs no more than a compare, and
 * one table serves both kinds of split.
 */
export function leftBinTable(s: Split, index: number): Uint8Array {
  // One table per place in a batch (grow.ts MAX_NODE_BATCH), refilled per split: a fresh 256-byte
  // array per node kept the garbage collector busy.
  leftTables[index] ??= new Uint8Array(256);
  const table = leftTables[index];
  table.fill(0);
  if (s.leftBins) for (const b of s.leftBins) table[b] = 1;
  else table.fill(1, 1, s.bin + 1);
  table[0] = s.defaultLeft ? 1 : 0;
  return table;
}
const leftTables: Uint8Array[] = [];

/**
 * Partitions a batch of nodes: moves each segment's rows that go left to the front of the segment,
 * both sides in their order, and appends the children's segments to the task's `left` and `right`.
 * With an arena, WebAssembly does it on the arena's rows (in parallel, each segment by its thread,
 * when given a partitioner).
 */
export function partition(
  data: BinnedRows,
  rows: Uint32Array,
  tasks: PartitionTask[],
  scratch: Uint32Array,
  arena: FitArena | null,
  parallel: Partitioner | null | undefined,
): void {
  if (arena && parallel) {
    parallel(tasks);
    return;
  }
  for (const { feature, segments, goesLeft, left, right } of tasks) {
    for (let i = 0; i < segments.length; i += 2) {
      const start = segments[i] as number;
      const end = segments[i + 1] as number;
      const mid = arena
        ? arena.partition(feature, start, end, goesLeft)
        : partitionRange(data, rows, start, end, feature, goesLeft, scratch);
      left.push(start, mid);
      right.push(mid, end);
    }
  }
}

/** One range's partition in JavaScript; returns where the right part starts. */
function partitionRange(
  data: BinnedRows,
  rows: Uint32Array,
  start: number,
  end: number,
  feature: number,
  goesLeft: Uint8Array,
  scratch: Uint32Array,
): number {
  // One feature's bins by column: rows are in increasing order within a node, so this walks
  // forward through one byte array instead of striding through all features.
  const column = data.byFeature.subarray(feature * data.n, (feature + 1) * data.n);
  let l = start;
  let r = 0;
  // Branchless: each row is written to both sides and only one cursor moves. Which way a row goes
  // is data, not a predictable branch, and a mispredicted branch per row cost more than two stores.
  // Writing rows[l] while reading rows[i] is safe: l never passes i.
  for (let i = start; i < end; i++) {
    const row = rows[i] as number;
    const goes = goesLeft[column[row] as number] as number;
    rows[l] = row;
    scratch[r] = row;
    l += goes;
    r += 1 - goes;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}
