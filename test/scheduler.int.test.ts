// The retraining scheduler cannot double-fire: three worker processes share one PostgreSQL, a policy
// fires every 3 seconds (a seconds-field cron, so the test takes 20 s rather than the 5 minutes of a
// one-minute schedule), and the leader is killed with SIGKILL half-way. Every slot fires exactly
// once: no slot twice, none skipped while another worker takes over.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RetrainingPolicyBodySchema, TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset } from "@roundhouse/data";
import { createDb, type Db, requestCancel } from "@roundhouse/db";
import { fireDue, setRetrainingPolicy, startRetrainingRun } from "@roundhouse/retraining";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Person, person, registerVersions } from "./registry-fixture.ts";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-scheduler-"));
const main = path.join(import.meta.dirname, "..", "packages", "worker", "src", "main.ts");
let db: Db;
let engineer: Person;
const workers: { child: ChildProcess; output: string[] }[] = [];

beforeAll(async () => {
  process.env.ROUNDHOUSE_HOME = home;
  db = createDb(inject("databaseUrl"), 4);
  engineer = await person(db, "engineer", "scheduler");
  const file = path.join(home, "tiny.csv");
  fs.writeFileSync(file, `x,y\n${Array.from({ length: 200 }, (_, i) => `${i % 17},${i % 3 === 0 ? "Yes" : "No"}`).join("\n")}\n`);
  await ingestDataset(db, engineer.ctx, { name: "scheduler-tiny", file });
});

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  // Later test files share this database and start workers: these policies must not fire for them.
  const models = ["scheduled-model", "catch-up-model"];
  await db.retrainingPolicy.updateMany({ where: { model: { name: { in: models } } }, data: { enabled: false } });
  // Nor may the jobs the firings queued (or the killed workers held) be left for their workers to run.
  const leftover = await db.trainingJob.findMany({ where: { name: { in: models }, status: { in: ["queued", "running"] } } });
  for (const job of leftover) await requestCancel(db, engineer.ctx, job.id);
  await db.$disconnect();
  fs.rmSync(home, { recursive: true, force: true });
});

function startWorkerProcess() {
  const env = {
    ...process.env,
    DATABASE_URL: inject("databaseUrl"),
    ROUNDHOUSE_HOME: home,
    ROUNDHOUSE_WORKER_SLOTS: "1",
    ROUNDHOUSE_SCHEDULER_TICK_MS: "200",
  };
  const child = spawn(process.execPath, ["--import", "tsx", main], { env, stdio: ["ignore", "pipe", "pipe"] });
  const w = { child, output: [] as string[] };
  child.stdout?.on("data", (b: Buffer) => w.output.push(b.toString()));
  child.stderr?.on("data", (b: Buffer) => w.output.push(b.toString()));
  workers.push(w);
  return w;
}

const leads = (w: { output: string[] }) => w.output.join("").includes("leading the retraining scheduler");

async function until(what: string, ok: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the retraining scheduler", () => {
  it("fires each slot exactly once across three workers, through the leader's death", async () => {
    await registerVersions(db, engineer, "scheduled-model", 1);
    const spec = TrainingSpecSchema.parse({
      metadata: { name: "scheduled-model" },
      data: { dataset: "scheduler-tiny", label: "y" },
      train: { algorithm: "logistic_regression" },
    });

    const three = [startWorkerProcess(), startWorkerProcess(), startWorkerProcess()];
    await until("a leader", () => three.some(leads));
    const body = RetrainingPolicyBodySchema.parse({ spec, triggers: { newData: false, schedule: "*/3 * * * * *" } });
    const policy = await setRetrainingPolicy(db, engineer.ctx, "scheduled-model", body);

    await new Promise((r) => setTimeout(r, 10_000));
    const leader = three.find(leads) as (typeof three)[number];
    leader.child.kill("SIGKILL");
    await until("a new leader", () => three.some((w) => w !== leader && leads(w)));
    await new Promise((r) => setTimeout(r, 10_000));
    for (const w of three) w.child.kill("SIGKILL");

    const runs = await db.retrainingRun.findMany({ where: { policyId: policy.id }, orderBy: { dueAt: "asc" } });
    const slots = runs.map((r) => r.dueAt.getTime());
    expect(runs.every((r) => r.trigger === "schedule")).toBe(true);
    expect(slots.every((t) => t % 3000 === 0)).toBe(true);
    // 20 s of 3-second slots: 6 or 7 firings, one per slot, consecutive (none doubled, none skipped).
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(slots).size).toBe(slots.length);
    for (let i = 1; i < slots.length; i++) expect((slots[i] as number) - (slots[i - 1] as number)).toBe(3000);
    // Each firing submitted one job, once, and linked it. The final SIGKILL may land between
    // recording the last firing and submitting its job, or between submitting it and linking it to
    // the run (CI once saw 7 jobs for 6 linked runs): the next leader finishes that firing after 30 s,
    // by the same idempotency key, so it never gets a second job.
    const submitted = runs.filter((r) => r.jobId);
    expect(submitted.length).toBeGreaterThanOrEqual(runs.length - 1);
    const jobs = await db.trainingJob.findMany({
      where: { idempotencyKey: { in: runs.map((r) => `retraining-run:${r.id}`) } },
      select: { id: true, idempotencyKey: true },
    });
    expect(jobs.length).toBeGreaterThanOrEqual(submitted.length);
    expect(jobs.length).toBeLessThanOrEqual(runs.length);
    for (const run of submitted) expect(jobs.find((j) => j.idempotencyKey === `retraining-run:${run.id}`)?.id).toBe(run.jobId);
  }, 90_000);
});

describe("a schedule after downtime", () => {
  it("fires once for the latest missed slot, not once per missed slot; bad schedules are refused by field", async () => {
    await registerVersions(db, engineer, "catch-up-model", 1);
    const spec = TrainingSpecSchema.parse({
      metadata: { name: "catch-up-model" },
      data: { dataset: "scheduler-tiny", label: "y" },
      train: { algorithm: "logistic_regression" },
    });
    const policy = await setRetrainingPolicy(
      db,
      engineer.ctx,
      "catch-up-model",
      RetrainingPolicyBodySchema.parse({ spec, triggers: { newData: false, schedule: "0 * * * *" } }),
    );
    // Ten hours later: ten slots were missed while nothing ran.
    const later = new Date(Date.parse(policy.updatedAt) + 10 * 3_600_000 + 60_000);
    await fireDue(db, later);
    await fireDue(db, later);
    const runs = await db.retrainingRun.findMany({ where: { policyId: policy.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.dueAt.toISOString()).toBe(new Date(Math.floor(later.getTime() / 3_600_000) * 3_600_000).toISOString());

    const refused = async (triggers: object) =>
      setRetrainingPolicy(db, engineer.ctx, "catch-up-model", RetrainingPolicyBodySchema.parse({ spec, triggers })).catch((e) => e);
    expect(await refused({ schedule: "every monday" })).toMatchObject({ problems: [{ path: "triggers.schedule" }] });
    expect(await refused({ schedule: "0 3 * * 1", timezone: "Mars/Olympus" })).toMatchObject({ problems: [{ path: "triggers.timezone" }] });
    const rule = RetrainingPolicyBodySchema.parse({ spec, rule: { metric: "rmse" } });
    expect(await setRetrainingPolicy(db, engineer.ctx, "catch-up-model", rule).catch((e) => e)).toMatchObject({
      problems: [{ path: "rule.metric" }],
    });
  });
});

describe("twin requests", () => {
  it("two saves of a new policy at once make one policy; two manual runs at once make one run", async () => {
    await registerVersions(db, engineer, "twin-model", 1);
    const spec = TrainingSpecSchema.parse({
      metadata: { name: "twin-model" },
      data: { dataset: "scheduler-tiny", label: "y" },
      train: { algorithm: "logistic_regression" },
    });
    const body = RetrainingPolicyBodySchema.parse({ spec, triggers: { newData: false } });
    const saves = await Promise.allSettled([0, 1].map(() => setRetrainingPolicy(db, engineer.ctx, "twin-model", body)));
    expect(saves.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const policy = await db.retrainingPolicy.findFirstOrThrow({ where: { model: { name: "twin-model" } } });
    const audited = await db.auditEvent.findMany({ where: { entityId: policy.id }, orderBy: { seq: "asc" } });
    expect(audited.map((e) => e.action)).toEqual(["retraining-policy.create", "retraining-policy.update"]);

    const starts = await Promise.allSettled([0, 1].map(() => startRetrainingRun(db, engineer.ctx, "twin-model")));
    expect(starts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(starts.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.retrainingRun.count({ where: { policyId: policy.id } })).toBe(1);
    await db.retrainingPolicy.update({ where: { id: policy.id }, data: { enabled: false } });
    const queued = await db.trainingJob.findMany({ where: { name: "twin-model", status: { in: ["queued", "running"] } } });
    for (const job of queued) await requestCancel(db, engineer.ctx, job.id);
  });
});
