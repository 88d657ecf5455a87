// The fault suite: the product as `pnpm start` runs it (launcher, web app, worker, embedded
// PostgreSQL, real training children), hurt the way machines hurt it, with what happened counted
// in the database afterwards: every job succeeds exactly once (one run, one model version, one
// completion event), nothing is left behind, and nobody had to step in.
import path from "node:path";
import { createDb, type Db } from "@roundhouse/db";
import { folderStore } from "@roundhouse/store";
import { sweepUnreferencedFiles } from "@roundhouse/worker/artifact-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../test/free-port.ts";
import { type Launcher, launcherHarness, signIn, waitFor } from "../test/launcher.ts";

// Short leases, so a job whose worker died is back in the queue in seconds rather than 30.
const { home, launch, cleanUp, ownerUrl, pidOf } = launcherHarness("roundhouse-faults-", { ROUNDHOUSE_LEASE_SECONDS: "8" });
let webPort: number;
let pgPort: number;
let launcher: Launcher;
let base: string;
let headers: Record<string, string>;
let db: Db;

beforeAll(async () => {
  [webPort, pgPort] = [await freePort(), await freePort()];
  launcher = await launch(webPort, pgPort);
  base = `http://127.0.0.1:${webPort}`;
  const engineer = await signIn(webPort, "engineer@roundhouse.local", "engineer-roundhouse");
  headers = { "content-type": "application/json", cookie: engineer.cookie, origin: base };
  await waitFor(
    "the demo data was loaded",
    async () => (await (await fetch(`${base}/api/v1/datasets`, { headers })).json()).items.length >= 3,
    60_000,
    launcher.output,
  );
  db = createDb(ownerUrl(pgPort), 2);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await cleanUp();
});

async function submit(name: string, train: Record<string, unknown>) {
  const spec = { metadata: { name, project: "faults" }, data: { dataset: "seattle-weather", label: "weather" }, train };
  const res = await fetch(`${base}/api/v1/jobs`, { method: "POST", headers, body: JSON.stringify(spec) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const jobStatus = async (id: string) => (await db.trainingJob.findUniqueOrThrow({ where: { id } })).status;

/** Per job: its status and attempts, and how many runs, model versions and completion events it has. */
async function tally(ids: string[]) {
  return db.$queryRawUnsafe<{ status: string; attempts: number; runs: number; versions: number; completions: number }[]>(
    `SELECT j.status::text AS status, j.attempts,
            (SELECT count(*)::int FROM runs r WHERE r.job_id = j.id) AS runs,
            (SELECT count(*)::int FROM model_versions v JOIN runs r ON r.id = v.run_id WHERE r.job_id = j.id) AS versions,
            (SELECT count(*)::int FROM audit_events a WHERE a.entity_id = j.id::text AND a.action = 'job.succeeded') AS completions
     FROM training_jobs j WHERE j.id = ANY($1::uuid[])`,
    ids,
  );
}

const once = { status: "succeeded", runs: 1, versions: 1, completions: 1 };

/** Each case prints what it counted, so a run of the suite is also its report. */
const report = (line: string) => console.log(`[faults] ${line}`);

describe("faults, as the default install meets them", () => {
  it("kill -9 of the worker under 20 queued jobs: restarted, and all 20 succeed exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await submit("fault-twenty", { algorithm: "gbdt", params: { numTrees: 60 } }));
    await waitFor(
      "some jobs succeeded and some are running",
      async () => {
        const statuses = await Promise.all(ids.map(jobStatus));
        return statuses.includes("succeeded") && statuses.includes("running");
      },
      60_000,
      launcher.output,
    );
    process.kill(pidOf("run/worker.pid"), "SIGKILL");
    await waitFor("all 20 succeeded", async () => (await tally(ids)).every((j) => j.status === "succeeded"), 180_000, launcher.output);
    expect(launcher.output()).toMatch(/worker exited unexpectedly \(SIGKILL\); restarting it/);
    const jobs = await tally(ids);
    expect(jobs).toHaveLength(20);
    for (const job of jobs) expect(job).toMatchObject(once);
    // The jobs the killed worker held went back to the queue when their leases expired.
    const reclaimed = await db.auditEvent.count({ where: { entityId: { in: ids }, action: "job.reclaimed" } });
    expect(reclaimed).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.attempts === 2)).toHaveLength(reclaimed);
    const sum = (k: "runs" | "versions" | "completions") => jobs.reduce((n, j) => n + j[k], 0);
    report(
      `worker kill -9: ${jobs.length} jobs, ${jobs.filter((j) => j.status === "succeeded").length} succeeded, ${reclaimed} reclaimed and run again; ${sum("runs")} runs, ${sum("versions")} model versions, ${sum("completions")} completion events`,
    );
  }, 300_000);

  it("kill -9 of the PostgreSQL postmaster mid-fit: degraded, back within 30 s by itself, and the job completes once", async () => {
    const id = await submit("fault-postmaster", { algorithm: "gbdt", params: { numTrees: 1500, maxDepth: 6, learningRate: 0.02 } });
    await waitFor(
      "the job is fitting",
      async () => ((await db.trainingJob.findUniqueOrThrow({ where: { id } })).progress as { step?: string } | null)?.step === "fit",
      60_000,
      launcher.output,
    );
    const killed = Date.now();
    process.kill(pidOf("postgres/data/postmaster.pid"), "SIGKILL");
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", reasons: [expect.stringMatching(/^the database is unreachable/)] });
    await waitFor(
      "health was ok again",
      async () => (await (await fetch(`${base}/api/v1/health`)).json()).status === "ok",
      30_000,
      launcher.output,
    );
    const back = Date.now() - killed;
    expect(back).toBeLessThan(30_000);
    await waitFor("the job succeeded", async () => (await jobStatus(id)) === "succeeded", 120_000, launcher.output);
    const [job] = await tally([id]);
    expect(job).toMatchObject(once);
    report(
      `postmaster kill -9: health 503 degraded, ok again after ${(back / 1000).toFixed(1)} s; job succeeded on attempt ${job?.attempts}, ${job?.runs} run`,
    );
  }, 240_000);

  it("Ctrl-C mid-fit stops everything within 10 s and hands the job back; the next start finishes it on the same attempt", async () => {
    const id = await submit("fault-shutdown", { algorithm: "gbdt", params: { numTrees: 1500, maxDepth: 6, learningRate: 0.02 } });
    await waitFor("the job is running", async () => (await jobStatus(id)) === "running", 60_000, launcher.output);
    const asked = Date.now();
    launcher.child.kill("SIGINT");
    expect(await launcher.exited).toBe(0);
    const stoppedIn = Date.now() - asked;
    expect(stoppedIn).toBeLessThan(10_000);
    launcher = await launch(webPort, pgPort);
    await db.$disconnect();
    db = createDb(ownerUrl(pgPort), 2);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "job.released" } })).toBe(1);
    await waitFor("the job succeeded", async () => (await jobStatus(id)) === "succeeded", 120_000, launcher.output);
    expect(await tally([id])).toEqual([expect.objectContaining({ ...once, attempts: 1 })]);
    report(`Ctrl-C mid-fit: stopped in ${(stoppedIn / 1000).toFixed(1)} s, job handed back, succeeded after the restart on attempt 1`);
  }, 240_000);

  it("kill -9 of the launcher mid-job: the next start recovers, nothing doubled, no orphan rows or files", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await submit("fault-launcher", { algorithm: "gbdt", params: { numTrees: 400, maxDepth: 6 } }));
    await waitFor("a job is running", async () => (await Promise.all(ids.map(jobStatus))).includes("running"), 60_000, launcher.output);
    launcher.child.kill("SIGKILL");
    await launcher.exited;
    await db.$disconnect();
    launcher = await launch(webPort, pgPort);
    db = createDb(ownerUrl(pgPort), 2);
    await waitFor("all 4 succeeded", async () => (await tally(ids)).every((j) => j.status === "succeeded"), 180_000, launcher.output);
    for (const job of await tally(ids)) expect(job).toMatchObject(once);
    // No run without its model file, nor a model version without its run, anywhere.
    expect(await db.run.count({ where: { artifacts: { none: {} } } })).toBe(0);
    // A model file written by an attempt killed before it completed is swept once its grace period
    // is over (here: at once); every file left is one a row refers to, and every such file is there.
    const store = folderStore(path.join(home, "store"));
    const swept = await sweepUnreferencedFiles(db, { store, graceMs: 0 });
    const referenced = [
      ...(await db.artifact.findMany({ select: { path: true } })).map((a) => a.path),
      ...(await db.datasetVersion.findMany({ select: { storagePath: true } })).map((v) => v.storagePath),
    ];
    const files: string[] = [];
    for await (const entry of store.list()) files.push(entry.key);
    expect(new Set(files)).toEqual(new Set(referenced));
    const jobs = await tally(ids);
    report(
      `launcher kill -9: ${jobs.length} jobs succeeded once each (attempts ${jobs.map((j) => j.attempts).join(", ")}); ${swept.removed} unreferenced model file(s) swept, ${files.length} files all referenced`,
    );
  }, 300_000);
});
