// A fit must not fall into a deoptimization loop: V8 compiles a hot loop while it runs (on-stack
// replacement) and keeps that code, and an operation after the loop that had not run when it was
// compiled then throws the code away every time it is reached, for the rest of the process. That
// cost a process's first 2-thread fit 1,700 deoptimizations of the helper's spin (and ~460 of the
// main thread's wait, and one per reported loss), invisible but for the time. This fits in a
// process of its own with V8's deoptimization trace and counts them per function.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const script = `
import { synthetic } from ${JSON.stringify(here("../test-data.ts"))};
import { trainModel } from ${JSON.stringify(here("../train-model.ts"))};
// Slow rounds now and then: the main thread's serial work outlasts the helper's spin, so it sleeps.
const data = synthetic(120_000, "binary", 3);
for (let fit = 0; fit < 2; fit++)
  trainModel("gbdt", "binary", data, { numTrees: 40, maxDepth: 6, threads: 2, maxBins: 63 }, {
    onIteration: ({ iteration }) => { if (iteration % 8 === 0) { const end = performance.now() + 8; while (performance.now() < end); } },
  });
console.log("fits done");
`;

describe("fitting code and V8", () => {
  it("does not deoptimize any function over and over in 2-thread fits that report their loss", () => {
    // --no-concurrent-osr: the loop's code is compiled while the loop waits, as on a busy machine.
    // With concurrent compilation that code may come only after the loop has ended, and a
    // deoptimization loop is then missed: `return even + odd` after logisticLossSum's loop deoptimized
    // it 1–2 times here and 80 times in CI; with this flag, 80 here too.
    const args = ["--trace-deopt", "--no-concurrent-osr", "--import", "tsx", "--input-type=module", "-e", script];
    const run = spawnSync(process.execPath, args, {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ROUNDHOUSE_FIT_HELPER_WAIT_MS: "10000" },
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout).toContain("fits done");
    const counts = new Map<string, number>();
    for (const [, name] of run.stdout.matchAll(/deoptimizing 0x[0-9a-f]+ <JSFunction ([^>]*)>/g))
      counts.set(name as string, (counts.get(name as string) ?? 0) + 1);
    // A process's first fit always deoptimizes something (new type feedback): none read means V8's
    // trace changed its format, and this test would pass without looking.
    expect(counts.size).toBeGreaterThan(0);
    const worst = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    // Ordinary first-fit deoptimizations (new type feedback) are a handful per function.
    expect(worst[0]?.[1] ?? 0, `most deoptimized: ${JSON.stringify(worst)}`).toBeLessThan(25);
  }, 120_000);
});
