// Batches what a running job reports (progress, per-iteration losses, log lines) and writes it at
// most once a second, so a 1,000-tree fit does not make 3,000 database round trips.
import { appendJobLogs, type Db, type Prisma } from "@roundhouse/db";

export class ProgressReporter {
  private points: { name: string; iteration: number; value: number }[] = [];
  private logs: { level: string; message: string }[] = [];
  private progress: { fraction: number; step: string; message: string } | null = null;
  private timer: NodeJS.Timeout;
  private runId: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly jobId: string,
  ) {
    this.timer = setInterval(() => void this.flush(), 1000);
  }

  setRun(runId: string) {
    this.runId = runId;
  }

  step(step: string, fraction: number, message: string) {
    this.progress = { fraction, step, message };
    this.log(`${step}: ${message}`);
  }

  log(message: string, level = "info") {
    this.logs.push({ level, message });
    if (level !== "debug") process.stdout.write(`${message}\n`);
  }

  metric(name: string, iteration: number, value: number) {
    if (Number.isFinite(value)) this.points.push({ name, iteration, value });
  }

  setProgress(fraction: number, step: string, message: string) {
    this.progress = { fraction, step, message };
  }

  async flush() {
    const points = this.points.splice(0);
    const logs = this.logs.splice(0);
    const progress = this.progress;
    this.progress = null;
    if (progress) await this.db.trainingJob.update({ where: { id: this.jobId }, data: { progress: progress as Prisma.InputJsonValue } });
    if (logs.length) await appendJobLogs(this.db, this.jobId, logs);
    if (points.length && this.runId) {
      await this.db.metricPoint.createMany({ data: points.map((p) => ({ runId: this.runId as string, ...p })), skipDuplicates: true });
    }
  }

  async close() {
    clearInterval(this.timer);
    await this.flush();
  }
}
