// A histogram worker for parallel tree growing (see parallel-histogram.ts). Plain JavaScript so it
// starts without a TypeScript loader. It waits on a shared control word, sums gradient pairs of a
// range of rows into its own shared histogram, and signals completion.
import { workerData } from "node:worker_threads";

const { index, control, ready, bins, F, gh, rows, offset, hist, source, arena } = workerData;
// The fit arena's WebAssembly kernel on the same shared memory (fit-arena.ts), or the same
// generated kernel as the main thread (histogram-kernel.ts), or the plain loop.
const wasm = arena ? new WebAssembly.Instance(arena.module, { env: { memory: arena.memory, abort() {} } }).exports : null;
const kernel = wasm
  ? (h, _bins, _gh, _rows, start, end) => {
      const at = arena.layout;
      wasm.histogram(h.byteOffset, at.bins, F, at.gh, at.rows, start, end, at.offsets);
    }
  : source
    ? new Function("hist", "bins", "gh", "rows", "start", "end", source)
    : null;
const base = index * 4;
const faultInjected = process.env.ROUNDHOUSE_HISTOGRAM_WORKER_FAULT === "throw";
let seen = 0;
Atomics.store(ready, index, 1);
for (;;) {
  Atomics.wait(control, base, seen);
  seen = Atomics.load(control, base);
  if (seen < 0) break;
  // A job that throws (a bug, a WebAssembly trap) reports -1 instead of its number: the main
  // thread then builds this part itself, instead of waiting for an answer that never comes.
  let done = seen;
  try {
    // Fault injection for the test that a failing worker costs speed, not the model.
    if (faultInjected) throw new Error("injected fault (ROUNDHOUSE_HISTOGRAM_WORKER_FAULT)");
    const start = control[base + 1];
    const end = control[base + 2];
    hist.fill(0);
    if (kernel) kernel(hist, bins, gh, rows, start, end);
    else
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const g = gh[2 * r];
        const h = gh[2 * r + 1];
        const b = r * F;
        for (let f = 0; f < F; f++) {
          const idx = (offset[f] + bins[b + f]) << 1;
          hist[idx] += g;
          hist[idx + 1] += h;
        }
      }
  } catch (error) {
    console.error("roundhouse histogram worker:", error);
    done = -1;
  }
  Atomics.store(control, base + 3, done);
  Atomics.notify(control, base + 3);
}
