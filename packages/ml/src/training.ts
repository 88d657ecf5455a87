// What every trainer shares: per-iteration progress for live charts, and cancellation.

export interface IterationReport {
  iteration: number;
  total: number;
  trainLoss: number;
  validLoss?: number;
  lossName: string;
}

export interface TrainOptions {
  onIteration?: (report: IterationReport) => void;
  /** Aborting stops training at the next iteration with a Cancelled error. */
  signal?: AbortSignal;
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
