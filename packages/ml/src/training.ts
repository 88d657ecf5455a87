// What every trainer shares: per-iteration progress for live charts, and cancellation.

export interface IterationReport {
  iteration: number;
  total: number;
  /** Absent on the iterations boosting skips (see `trainLossEvery`). */
  trainLoss?: number;
  validLoss?: number;
  lossName: string;
}

export interface TrainOptions {
  onIteration?: (report: IterationReport) => void;
  /**
   * Boosting computes the train loss (on a fixed 20k-row sample) every this many iterations, on the
   * first and the last, and at least every 250 ms: done every round it cost 6% of a 200k-row fit.
   * Default: about 50 points per fit (every iteration up to 50 trees). Without `onIteration` nobody
   * reads it, and it is not computed at all (12% of a 20k-row fit).
   */
  trainLossEvery?: number;
  /** Aborting stops training at the next iteration with a Cancelled error. */
  signal?: AbortSignal;
  /** What the fit has to say for its job's log: a GBDT on several threads, how many trees it grew on one. */
  onNote?: (message: string) => void;
  /**
   * Shares every job with the helper threads, whether or not they pay (helpers-paying.ts): for the
   * warm-up (warm-up.ts), whose fits are there to run the helpers' code, however slow it is at first.
   */
  keepHelpers?: boolean;
}

export class Cancelled extends Error {
  constructor() {
    super("Training was cancelled.");
    this.name = "Cancelled";
  }
}

export function checkCancelled(signal?: AbortSignal) {
  if (signal?.aborted) throw new Cancelled();
}

export class InvalidParams extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    this.name = "InvalidParams";
  }
}
