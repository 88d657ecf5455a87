// When the training process for the next job is started: beside a job that leaves a core free at
// once, beside a job on every core only once that job's process has ended (its start would take a
// core from the fit). Real processes stand in for the training entry: each reads its job line and
// ends a moment later, as a short job would.
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { type TrainingChild, trainingChildren } from "./training-children.ts";

const JOB_MS = 600;
let close = () => {};
afterEach(() => close());

/** A trainingChildren on a 2-core machine whose started children are listed as they start. */
function children() {
  const started: { cpu: number; ahead: boolean; child: TrainingChild }[] = [];
  const pool = trainingChildren({
    cores: 2,
    startChild: (resources, ahead) => {
      const child = spawn(
        process.execPath,
        ["-e", `process.stdin.once("data", () => setTimeout(() => process.exit(0), ${JOB_MS})); setInterval(() => {}, 1000);`],
        { stdio: ["pipe", "pipe", "pipe"] },
      );
      started.push({ cpu: resources.cpu, ahead, child });
      return child;
    },
  });
  close = () => {
    pool.close();
    for (const { child } of started) child.kill();
  };
  return { pool, started };
}

const tick = () => new Promise((r) => setTimeout(r, 50));
const ended = (child: TrainingChild) => new Promise((r) => child.once("close", r));

it("starts the next job's process at once beside a job that leaves a core free", async () => {
  const { pool, started } = children();
  expect(started.map((s) => [s.cpu, s.ahead])).toEqual([[1, true]]);
  const job = pool.take("a", { cpu: 1, memoryMb: 2048 });
  // The one started ahead had these resources: the job has it, and the next is started beside it.
  expect(job).toBe(started[0]?.child);
  await tick();
  expect(started.map((s) => [s.cpu, s.ahead])).toEqual([
    [1, true],
    [1, true],
  ]);
  expect(job.exitCode).toBeNull();
});

it("starts the next job's process only when a job on every core has ended", async () => {
  const { pool, started } = children();
  const job = pool.take("b", { cpu: 2, memoryMb: 2048 });
  expect(job).toBe(started[1]?.child);
  await tick();
  // While the job runs, nothing else starts, and the child waiting with other resources waits on.
  expect(started).toHaveLength(2);
  expect(started[0]?.child.exitCode).toBeNull();
  await ended(job);
  await tick();
  expect(started.map((s) => [s.cpu, s.ahead])).toEqual([
    [1, true],
    [2, false],
    [2, true],
  ]);
  expect(started[0]?.child.killed).toBe(true);
  // The next such job takes it.
  expect(pool.take("c", { cpu: 2, memoryMb: 2048 })).toBe(started[2]?.child);
});
