import type { Dataset } from "../dataset.ts";
import { createBatchPredictor, createPredictor, type Model } from "./model.ts";

/**
 * How fast a model scores rows in process: the median time of one row through the one-row
 * predictor (what serving calls) over up to 1,000 rows of `data`, after warming up the JIT; and
 * the average time to score 1,000 rows at once through the batch predictor (what evaluation and
 * batch scoring call), its trees compiled beforehand.
 */
export function measurePredictLatency(
  model: Model,
  data: Pick<Dataset, "columns" | "rows">,
  repeats = 10,
): { rowMicros: number; batch1000Millis: number } {
  const predict = createPredictor(model);
  const F = data.columns.length;
  const n = Math.min(1000, data.rows);
  const rows = Array.from({ length: n }, (_, i) => Float64Array.from({ length: F }, (_, f) => data.columns[f]?.[i] as number));
  const out = new Float64Array(model.outputs);
  // Warm up for 200 ms: a few thousand calls leave the JIT half done and the median twice too high.
  for (const start = performance.now(); performance.now() - start < 200; ) for (const x of rows) predict(x, out);
  const times: number[] = [];
  for (const x of rows) {
    const t = process.hrtime.bigint();
    predict(x, out);
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  const block = data.columns.map((c) => c.subarray(0, n));
  const predictBatch = createBatchPredictor(model);
  for (let w = 0; w < 5; w++) predictBatch(block, n);
  const t = performance.now();
  for (let r = 0; r < repeats; r++) predictBatch(block, n);
  const perRow = (performance.now() - t) / repeats / n;
  return { rowMicros: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)), batch1000Millis: Number((perRow * 1000).toFixed(3)) };
}
