// A helper thread of a parallel fit (see parallel-fit.ts). Plain JavaScript so it starts without a
// TypeScript loader. It waits on its shared control words for a job on a range of rows, or on its
// segment of a batch of nodes, does it, and signals completion. Jobs: a histogram part (always);
// with the fit arena, also its segment of a batch of nodes' partitions and histograms, a part of the
// rows of a gradient pass (quantized, with the largest values), and its segment's leaf values and
// last splits' values.
import { parentPort } from "node:worker_threads";

// The job kinds and control words, as parallel-fit.ts numbers them.
const HISTOGRAM = 0;
const PARTITION = 1;
const GRADIENTS = 2;
const HISTOGRAMS = 3;
const LEAF_VALUES = 4;
const SPLIT_VALUES = 5;
const SPLITS = 6;
const HISTOGRAM_FEATURES = 7;
const WORDS = 8;
// A gradient pass's number and this helper's numbers (fit-arena.ts GRADIENT_PASSES, arena-layout.ts HELPER_NUMBERS).
const [LOGISTIC, REGRESSION, SOFTMAX_ROWS, SOFTMAX] = [0, 1, 2, 3];
const HELPER_NUMBERS = 8;
// A batch job's words per node (parallel-fit.ts TASK_WORDS), for up to MAX_NODE_BATCH nodes (grow.ts).
const TASK_WORDS = 4;
const MAX_NODE_BATCH = 32;
// A split job's numbers and results (split-jobs.ts SPLIT_PARAMS, NODE_NUMBERS, SPLIT_RESULT, MAX_SPLIT_NODES).
const [SPLIT_PARAMS, NODE_NUMBERS, SPLIT_RESULT, MAX_SPLIT_NODES] = [8, 5, 8, 2 * MAX_NODE_BATCH];
// ("copy": a partition job of several nodes fails after splitting its last node's rows into
// scratch, before copying them back: its other nodes are done, that one is mended from scratch.)
// ("leaves": a leaf-values job fails halfway through its ranges; "splitValues": a last splits' values
// job halfway through its splits.)
// ("splits": a split-finding job fails halfway through its nodes.)
const KIND_NAMES = ["histogram", "split", "gradients", "histogram"];

// ("slow": every job starts 1 ms late, as when the helper's core is taken from it.)
const pause = new Int32Array(new SharedArrayBuffer(4));

// The fit this helper is working for (a helper serves one fit after another: parallel-fit.ts keeps
// it between fits, so a fit does not wait tens of milliseconds for a thread to start).
let index, control, tasks, leafRanges, leafValues, leafCapacity, ready, spinMs, bins, F, gh, rows, offset, hist, source, fault;
let wasm, memory, at, arenaRows, threadScratch, kernel, base, numbers, splitNumbers, splitResults, featureOffsets;
parentPort.on("message", (fit) => {
  setUp(fit);
  work();
});

function setUp(fit) {
  ({ index, control, tasks, leafRanges, leafValues, leafCapacity, ready, spinMs, bins, F, gh, rows, offset, hist, source, fault } = fit);
  // The fit arena's WebAssembly kernels on the same shared memory (fit-arena.ts), or the same
  // generated histogram kernel as the main thread (histogram-kernel.ts), or the plain loop.
  const arena = fit.arena;
  wasm = arena ? new WebAssembly.Instance(arena.module, { env: { memory: arena.memory, abort() {} } }).exports : null;
  memory = arena?.memory;
  at = arena?.layout;
  arenaRows = arena?.n;
  threadScratch = arena?.scratch;
  kernel = wasm
    ? (h, _bins, _gh, _rows, start, end) => wasmHistogram(h.byteOffset, start, end)
    : source
      ? new Function("hist", "bins", "gh", "rows", "start", "end", source)
      : null;
  base = index * WORDS;
  // Fault injection (ROUNDHOUSE_FIT_HELPER_FAULT, passed by the fit) for the tests that a failing
  // helper costs speed, not the model: the job kind to fail.
  if (fault === "start") throw new Error("injected fault at start (ROUNDHOUSE_FIT_HELPER_FAULT)");
  // This helper's numbers in the arena: the maxima it found, then the gradient pass it is given.
  numbers = arena ? new Float64Array(arena.memory.buffer, at.helperNumbers + index * HELPER_NUMBERS * 8, HELPER_NUMBERS) : null;
  featureOffsets = arena ? new Uint32Array(arena.memory.buffer, at.histogramOffsets, F) : null;
  splitNumbers = arena ? new Float64Array(arena.memory.buffer, at.splitJobs, SPLIT_PARAMS + MAX_SPLIT_NODES * NODE_NUMBERS) : null;
  splitResults = arena ? new Float64Array(arena.memory.buffer, at.splitResults + index * MAX_SPLIT_NODES * SPLIT_RESULT * 8) : null;
}

/**
 * Forgets the fit that ended: a kept helper would otherwise hold its memory (a 3M-row fit's arena
 * is hundreds of megabytes) until the next fit.
 */
function letGo() {
  control = tasks = leafRanges = leafValues = ready = bins = gh = rows = offset = hist = source = null;
  wasm = memory = at = arenaRows = threadScratch = kernel = numbers = null;
}

/**
 * Jobs until the fit ends (its job number -1). The loop stays small and each step is its own
 * function: V8 then optimizes each on its own, instead of compiling this whole loop on stack
 * replacement (OSR) again after every job kind it meets for the first time. Those recompiles took
 * 40-80 ms of a background thread in a fit's first trees, on a machine whose two cores the fit's
 * two threads already keep busy.
 */
function work() {
  let seen = 0;
  Atomics.store(ready, index, 1);
  Atomics.notify(ready, index);
  for (;;) {
    seen = nextJob(seen);
    if (seen < 0) return letGo();
    Atomics.store(control, base + 3, runJob(seen));
    Atomics.notify(control, base + 3);
  }
}

/** Waits for a job number other than `seen` (the fit's next job, or -1 when it ends). */
function nextJob(seen) {
  spin(seen, performance.now() + spinMs);
  Atomics.wait(control, base, seen);
  return Atomics.load(control, base);
}

/**
 * Spins while the job number is `seen`, until the clock passes `until`: a fit sends jobs back to
 * back, and a futex wake-up costs tens of microseconds on a virtual machine. The clock is read every
 * 256 turns: performance.now() allocates its number until this loop is optimized, and a new helper's
 * young generation then filled every 14 ms (a scavenge, up to 5 ms, while the fit waited for it).
 * Only the loop, apart from the sleep after it: V8 compiles a hot loop on stack replacement (OSR)
 * and keeps that code, and code after the loop that had never run when it was compiled (the sleep,
 * the first time a spin ran out) deoptimized it on every job after that (1,700 times in a 200k-row
 * fit, the process's first on two threads).
 */
function spin(seen, until) {
  for (let turn = 1; Atomics.load(control, base) === seen; turn++) if ((turn & 255) === 0 && performance.now() >= until) return;
}

/**
 * Does job `job`; its number when done. A job that throws (a bug, a WebAssembly trap) reports -1
 * instead: the main thread then does this part itself, instead of waiting for an answer that never comes.
 */
function runJob(job) {
  try {
    const kind = control[base + 4];
    if (fault && fault === KIND_NAMES[kind]) throw new Error(`injected fault in a ${fault} job (ROUNDHOUSE_FIT_HELPER_FAULT)`);
    if (fault === "slow") Atomics.wait(pause, 0, 0, 1);
    if (kind === HISTOGRAM) histogramPart(control[base + 1], control[base + 2]);
    else if (kind === PARTITION) partitionNodes(control[base + 5]);
    else if (kind === HISTOGRAMS) histogramNodes(control[base + 5]);
    else if (kind === LEAF_VALUES) leafValuesPart(control[base + 2], control[base + 5]);
    else if (kind === SPLIT_VALUES) splitValuesPart(control[base + 2], control[base + 5]);
    else if (kind === GRADIENTS) gradientPart(control[base + 1], control[base + 2]);
    else if (kind === SPLITS) splitsPart(control[base + 1], control[base + 2], control[base + 5]);
    else if (kind === HISTOGRAM_FEATURES) featuresPart(control[base + 1], control[base + 2], control[base + 5]);
    else throw new Error(`unknown job kind ${kind}`);
    return job;
  } catch (error) {
    console.error("roundhouse fit helper thread:", error);
    return -1;
  }
}

/** This helper's segment of each node of a batch. Words per node: its rows here, and this helper's histogram for it. */
function histogramNodes(count) {
  for (let i = 0; i < count; i++) {
    const t = (index * MAX_NODE_BATCH + i) * TASK_WORDS;
    wasm.clear(tasks[t + 2], hist.byteLength);
    wasmHistogram(tasks[t + 2], tasks[t], tasks[t + 1]);
  }
}

/** Its segment's leaf ranges and values, for output k; word 6 counts those done, so a failure is finished exactly. */
function leafValuesPart(k, count) {
  for (let i = 0; i < count; i++) {
    if (fault === "leaves" && i === count >> 1) throw new Error("injected fault midway through leaf values (ROUNDHOUSE_FIT_HELPER_FAULT)");
    const r = index * leafCapacity + i;
    wasm.addLeafValue(at.scores + k * arenaRows * 8, at.rows, leafRanges[2 * r], leafRanges[2 * r + 1], leafValues[r]);
    control[base + 6] = i + 1;
  }
}

/**
 * Its segment of each of a batch of last splits, for output k: both leaf values added to the
 * scores of the split's rows, unpartitioned. Words per split: the column's address and [start, end);
 * the values in leafValues, left then right; word 6 counts those done, so a failure is finished exactly.
 */
function splitValuesPart(k, count) {
  for (let i = 0; i < count; i++) {
    if (fault === "splitValues" && i === count >> 1)
      throw new Error("injected fault midway through split values (ROUNDHOUSE_FIT_HELPER_FAULT)");
    const t = (index * MAX_NODE_BATCH + i) * TASK_WORDS;
    const v = index * leafCapacity + 2 * i;
    wasm.addSplitValues(
      at.scores + k * arenaRows * 8,
      at.rows,
      tasks[t],
      at.goesLeft + i * 256,
      tasks[t + 1],
      tasks[t + 2],
      leafValues[v],
      leafValues[v + 1],
    );
    control[base + 6] = i + 1;
  }
}

/**
 * This helper's segment of each node of a batch. Words per node: the column's address, the rows
 * [start, end), and (written here) how many go left. Each is split into scratch first (rows only
 * read), then copied back: a failure before the copy leaves the segment as it was, one during it
 * can be mended from scratch. Word 7 names the node in scratch (its place + 1), word 6 how many are done.
 */
function partitionNodes(count) {
  for (let i = 0; i < count; i++) {
    const t = (index * MAX_NODE_BATCH + i) * TASK_WORDS;
    const start = tasks[t + 1];
    const end = tasks[t + 2];
    const goesLeft = at.goesLeft + i * 256;
    const lefts = wasm.splitRows(tasks[t], at.rows, at.scratch + start * 4, at.scratchRight + start * 4, start, end, goesLeft);
    tasks[t + 3] = lefts;
    control[base + 7] = i + 1;
    if (fault === "copy" && count > 1 && i === count - 1)
      throw new Error("injected fault before a copy back (ROUNDHOUSE_FIT_HELPER_FAULT)");
    wasm.copyRows(at.rows + start * 4, at.scratch + start * 4, lefts);
    wasm.copyRows(at.rows + (start + lefts) * 4, at.scratchRight + start * 4, end - start - lefts);
    control[base + 6] = i + 1;
  }
}

/**
 * Rows [start, end) of a gradient pass (fit-arena.ts gradients): numbers 2 to 7 say which and with
 * what (grid scales, the pass, the regression kind or output k, the Huber delta, K); the largest
 * |g| and h go to numbers 0 and 1.
 */
function gradientPart(start, end) {
  const [gs, hs, pass, which, delta, K] = numbers.subarray(2);
  const count = end - start;
  // Scores and probabilities: K columns of the fit's rows (fit-arena.ts), from row `start` of the first.
  const scores = at.scores + start * 8;
  const probabilities = at.probabilities + start * 8;
  const label = at.label + start * 8;
  const out = at.gh + start * 8;
  if (pass === LOGISTIC) wasm.logisticGradients(scores, label, out, count, gs, hs, numbers.byteOffset, threadScratch);
  else if (pass === REGRESSION) wasm.regressionGradients(scores, label, out, count, which, delta, gs, hs, numbers.byteOffset);
  else if (pass === SOFTMAX_ROWS) wasm.softmaxRows(scores, probabilities, count, K, arenaRows * 8, threadScratch);
  else if (pass === SOFTMAX)
    wasm.softmaxGradients(probabilities + which * arenaRows * 8, label, out, count, which, gs, hs, numbers.byteOffset);
  else throw new Error(`unknown gradient pass ${pass}`);
}

/**
 * Features [from, to) of a batch of wide nodes' histograms (feature-histograms.ts),
 * added straight into them. Words per row range: the histogram's address, the range [start, end),
 * and on a node's first range its histogram's size (this helper's features of it are zeroed first).
 */
function featuresPart(from, to, count) {
  const first = featureOffsets[from] * 16;
  for (let i = 0; i < count; i++) {
    if (fault === "features" && i === count >> 1)
      throw new Error("injected fault midway through a features job (ROUNDHOUSE_FIT_HELPER_FAULT)");
    const t = (index * MAX_NODE_BATCH + i) * TASK_WORDS;
    const bytes = tasks[t + 3];
    if (bytes > 0) wasm.clear(tasks[t] + first, (to < F ? featureOffsets[to] * 16 : bytes) - first);
    wasm.histogramFeatures(
      tasks[t],
      at.histogramByFeature,
      arenaRows,
      from,
      to,
      at.gh,
      at.rows,
      tasks[t + 1],
      tasks[t + 2],
      at.histogramOffsets,
      threadScratch,
    );
  }
}

/**
 * Each node's best split over candidates [from, to) (this helper's part of the features, split-jobs.ts):
 * the job's numbers say with what and which histograms; the results go to this helper's slots, the
 * feature found (or −1) after bestSplit's seven numbers.
 */
function splitsPart(from, to, count) {
  const [l2, minH, minGain, smooth, categoryL2, minCategoryHessian, groupRows, maxCategories] = splitNumbers;
  const keys = at.splitKeys + index * at.maxBins * 8;
  const order = at.splitOrder + index * at.maxBins * 2;
  for (let i = 0; i < count; i++) {
    if (fault === "splits" && i === count >> 1) throw new Error("injected fault midway through a split job (ROUNDHOUSE_FIT_HELPER_FAULT)");
    const j = SPLIT_PARAMS + i * NODE_NUMBERS;
    const slot = index * MAX_SPLIT_NODES + i;
    splitResults[i * SPLIT_RESULT + 7] = wasm.bestSplit(
      splitNumbers[j],
      at.candidates + from * 4,
      to - from,
      at.offsets,
      at.numBins,
      at.kinds,
      splitNumbers[j + 1],
      splitNumbers[j + 2],
      splitNumbers[j + 4],
      l2,
      minH,
      splitNumbers[j + 3],
      minGain,
      smooth,
      categoryL2,
      minCategoryHessian,
      groupRows,
      maxCategories,
      keys,
      order,
      at.splitResults + slot * SPLIT_RESULT * 8,
      at.splitBins + slot * at.maxBins * 2,
    );
  }
}

/** The arena's histogram kernel over rows [start, end) into the histogram at byte `hist`, with this helper's scratch. */
function wasmHistogram(hist, start, end) {
  wasm.histogram(
    hist,
    at.histogramBins,
    at.histogramByFeature,
    arenaRows,
    F,
    at.gh,
    at.rows,
    start,
    end,
    at.histogramOffsets,
    threadScratch,
  );
}

function histogramPart(start, end) {
  if (wasm && hist.buffer === memory.buffer) wasm.clear(hist.byteOffset, hist.byteLength);
  else hist.fill(0);
  if (kernel) return kernel(hist, bins, gh, rows, start, end);
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
}
