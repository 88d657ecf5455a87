// The worker's record of what its training child reports (progress, per-iteration losses, log
// lines): batched and written at most once a second, so a 1,000-tree fit does not make 3,000
// database round trips, and the job page moves while the child trains. What was reported before a
// cancel, a crash or a failure is written too: the curve and the log of an attempt are kept.
import { type Db, recordJobProgress } from "@roundhouse/db";
import type { Point, Progress } from "./child-protocol.ts";

export class ProgressReporter {
  private points: Point[] = [];
  private logs: { level: string; message: string }[] = [];
  private progress: Progress | null = null;
  private timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private steps: { step: string; startedAt: Date }[] = [];

  constructor(
    private readonly db: Db,
    private readonly job: { id: string; attempts: number },
    private readonly workerId: string,
    private readonly onError: (err: Error) => void,
  ) {
    this.timer = setInterval(() => void this.flush(), 1000);
  }

  setProgress(progress: Progress) {
    this.progress = progress;
    if (this.steps.at(-1)?.step !== progress.step) this.steps.push({ step: progress.step, startedAt: new Date() });
  }

  /** The steps as the worker saw them start, the last one until now: kept for a job that did not succeed. */
  stepTimings(now = new Date()) {
    return this.steps.map((s, i) => ({
      step: s.step,
      startedAt: s.startedAt.toISOString(),
      millis: (this.steps[i + 1]?.startedAt ?? now).getTime() - s.startedAt.getTime(),
    }));
  }

  log(message: string, level = "info") {
    this.logs.push({ level, message });
  }

  addPoints(points: Point[]) {
    for (const p of points) if (Number.isFinite(p.value)) this.points.push(p);
  }

  /** Writes what came since the last flush; one write at a time, in order. */
  flush(): Promise<void> {
    const report = { progress: this.progress, logs: this.logs.splice(0), points: this.points.splice(0) };
    this.progress = null;
    if (!report.progress && !report.logs.length && !report.points.length) return this.writing;
    this.writing = this.writing.then(() =>
      recordJobProgress(this.db, this.job.id, this.workerId, this.job.attempts, report).catch((err: Error) => {
        // The database may be away for a moment: keep the lines for the next flush.
        this.logs.unshift(...report.logs);
        this.points.unshift(...report.points);
        this.onError(err);
      }),
    );
    return this.writing;
  }

  async close() {
    clearInterval(this.timer);
    await this.flush();
  }
}
