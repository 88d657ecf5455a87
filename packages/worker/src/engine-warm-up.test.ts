import { spawn } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { warmUpSteps } from "@roundhouse/ml";
import { describe, expect, it } from "vitest";
import { describeWarmUp, idleCores, warmUpMode, warmUpWhileWaiting } from "./engine-warm-up.ts";

const oneThread = warmUpSteps(1).map((s) => s.name);

describe("the learning engine's warm-up in a training child waiting for its job", () => {
  it("runs every step while no job comes, and says which in the job's log", async () => {
    const report = await warmUpWhileWaiting(1, () => false, "always");
    expect(report.steps).toEqual(["gbdt binary", "gbdt regression", "gbdt multiclass", "memory for the job's fit"]);
    expect(report.stopped).toBe(false);
    expect(report.millis).toBeGreaterThan(0);
    expect(describeWarmUp(report)).toBe(
      `this process ran 4 warm-up steps (gbdt binary, gbdt regression, gbdt multiclass, memory for the job's fit) in ${report.millis} ms while it waited for the job`,
    );
  });

  it("stops after the step that is running when the job comes, and runs none for a job already there", async () => {
    let ran = 0;
    const report = await warmUpWhileWaiting(1, () => ran++ > 0, "always");
    expect(report).toMatchObject({ steps: [oneThread[0]], stopped: true });
    expect(describeWarmUp(report)).toMatch(
      /^this process ran 1 warm-up step \(gbdt binary\) in \d+ ms while it waited for the job, stopped when the job came$/,
    );
    expect(await warmUpWhileWaiting(1, () => true, "always")).toEqual({ steps: [], millis: 0, busyMillis: 0, stopped: true });
  });

  it("reads a job line that comes during a step before it starts the next, in a process reading its stdin", async () => {
    // As run-job.ts waits: the line comes on stdin while the first step runs (about 0.1 s).
    const script = `
      import readline from "node:readline";
      import { warmUpWhileWaiting } from ${JSON.stringify(fileURLToPath(new URL("./engine-warm-up.ts", import.meta.url)))};
      let line;
      readline.createInterface({ input: process.stdin }).on("line", (l) => { line = l; });
      console.log("warming");
      console.log(JSON.stringify(await warmUpWhileWaiting(1, () => line !== undefined, "always")));
      process.exit(0);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("warming\n") && !child.stdin.writableEnded) child.stdin.end("job 1\n");
    });
    await new Promise((resolve) => child.on("close", resolve));
    const report = JSON.parse(out.split("\n")[1] as string);
    expect(report.stopped).toBe(true);
    expect(report.steps.length).toBeLessThanOrEqual(1);
  }, 30_000);

  it("says how long it waited for idle cores when that was a second or more", () => {
    expect(describeWarmUp({ steps: [], millis: 0, busyMillis: 12_340, stopped: true })).toBe(
      "this process ran no warm-up step while it waited for the job, stopped when the job came (12.3 s waiting for idle cores)",
    );
    expect(describeWarmUp({ steps: ["gbdt binary"], millis: 90, busyMillis: 400, stopped: false })).toBe(
      "this process ran 1 warm-up step (gbdt binary) in 90 ms while it waited for the job",
    );
  });

  it("runs nothing when turned off, and reads ROUNDHOUSE_WARM_UP with `idle` as the default", async () => {
    expect(await warmUpWhileWaiting(1, () => false, "off")).toEqual({ steps: [], millis: 0, busyMillis: 0, stopped: false });
    expect([undefined, "", "idle", "yes", "always", "off"].map(warmUpMode)).toEqual(["idle", "idle", "idle", "idle", "always", "off"]);
  });

  it("adds fits on the job's threads when it has more than one (as many as the machine's cores allow)", () => {
    const two = warmUpSteps(2);
    if (os.availableParallelism() < 2) return expect(two.map((s) => s.name)).toEqual(oneThread);
    const fits = oneThread.slice(0, -1);
    expect(two.map((s) => [s.name, s.threads])).toEqual([
      ...fits.map((name) => [name, 1]),
      ...Array.from({ length: 4 }, () => ["gbdt binary on 2 threads", 2]),
      ["memory for the job's fit", 1],
    ]);
  });

  it("measures the machine's idle cores between none and all of them", async () => {
    const idle = await idleCores(50);
    expect(idle).toBeGreaterThanOrEqual(0);
    // Clock ticks are counted in hundredths of a second: a 50 ms sample may read a tick more.
    expect(idle).toBeLessThanOrEqual(os.cpus().length * 1.3);
  });
});
