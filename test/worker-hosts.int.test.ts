// Workers on hosts that share nothing but PostgreSQL and the S3 store: each worker and the serve
// process is its own process with its own ROUNDHOUSE_HOME (no shared folder); the data, the models
// and the cache go through s3rver. (The network-namespace version of this test is issue 19's next part.)
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, resolveTrainingData } from "@roundhouse/data";
import {
  createApiToken,
  createDb,
  type Db,
  decidePromotion,
  enqueueJob,
  fleetMetrics,
  fleetStatus,
  requestPromotion,
} from "@roundhouse/db";
import { objectStore } from "@roundhouse/store";
import { type S3TestServer, startS3TestServer } from "@roundhouse/store/s3-test-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flightsMonth } from "./flights-fixture.ts";
import { freePort } from "./free-port.ts";
import { waitFor } from "./launcher.ts";
import { type Person, person } from "./registry-fixture.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rh-hosts-"));
const pool = `fleet-${randomUUID().slice(0, 8)}`;
const model = `fleet-delays-${randomUUID().slice(0, 8)}`;
const cli = path.resolve("packages/cli/bin/roundhouse.js");
let s3: S3TestServer;
let storeEnv: Record<string, string>;
let db: Db;
let engineer: Person;
let approver: Person;
const children: ChildProcess[] = [];

/** A process on its own "host": only the database URL, the store settings and its own home. */
function onHost(name: string, args: string[]) {
  const home = path.join(scratch, name);
  fs.mkdirSync(home, { recursive: true });
  const child = spawn(process.execPath, [cli, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      DATABASE_URL: inject("databaseUrl"),
      ROUNDHOUSE_HOME: home,
      ROUNDHOUSE_SCHEDULER: "off",
      ...storeEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d));
  child.stderr?.on("data", (d: Buffer) => (output += d));
  children.push(child);
  return { home, child, output: () => output };
}

const worker = (host: string, pools: string) => onHost(host, ["worker", "--host", host, "--pools", pools, "--slots", "2"]);

const filesUnder = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

async function submit(name: string, jobPool: string, datasetName: string) {
  const spec = TrainingSpecSchema.parse({
    metadata: { name },
    data: { dataset: datasetName, label: "delayed", features: ["hour", "weekday", "distance", "origin", "destination"] },
    train: { algorithm: "gbdt", params: { numTrees: 30, maxDepth: 4 } },
    resources: { pool: jobPool },
  });
  const data = await resolveTrainingData(db, spec);
  return (await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] })).job.id;
}

const FINISHED = ["succeeded", "failed", "cancelled"];
/** Whether every job finished, one way or another (a failed one is not waited for until the time runs out). */
const jobsDone = async (ids: string[]) =>
  (await db.trainingJob.findMany({ where: { id: { in: ids } }, select: { status: true } })).every((j) => FINISHED.includes(j.status));
/** The jobs that did not succeed, with why: what the test shows when one failed. */
const unsuccessful = async (ids: string[]) =>
  (await db.trainingJob.findMany({ where: { id: { in: ids } }, select: { name: true, status: true, error: true } }))
    .filter((j) => j.status !== "succeeded")
    .map((j) => `${j.name} ${j.status}: ${JSON.stringify(j.error)}`);

let datasetName: string;
let datasetKey: string;

beforeAll(async () => {
  s3 = await startS3TestServer({ dir: path.join(scratch, "s3rver") });
  storeEnv = { ROUNDHOUSE_STORE: `s3://${s3.bucket}/fleet`, ...s3.env };
  // This test process plays the web host: its own home, the same store.
  Object.assign(process.env, storeEnv, { ROUNDHOUSE_HOME: path.join(scratch, "web"), DATABASE_URL: inject("databaseUrl") });
  db = createDb(inject("databaseUrl"), 4);
  engineer = await person(db, "engineer", "hosts");
  approver = await person(db, "approver", "hosts");
  datasetName = `fleet-flights-${randomUUID().slice(0, 8)}`;
  const r = await ingestDataset(db, engineer.ctx, { name: datasetName, file: await flightsMonth(scratch, 1), originalName: "jan.csv" });
  datasetKey = (await db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } })).storagePath;
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await s3?.close();
  await db?.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("worker hosts that share only PostgreSQL and S3", () => {
  it("train from the store and write models to it, each job once, spread over the hosts", async () => {
    expect(datasetKey).toMatch(/^sha256\/.+\.parquet$/);
    expect(await objectStore().exists(datasetKey)).toBe(true);
    const hosts = [worker("host-a", pool), worker("host-b", pool)];
    await waitFor(
      "both workers beat",
      async () => (await db.workerHeartbeat.count({ where: { hostname: { in: ["host-a", "host-b"] } } })) === 2,
      60_000,
      () => hosts.map((h) => h.output()).join("\n"),
    );
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(i === 0 ? model : `${model}-${i}`, pool, datasetName)));
    await waitFor(
      "all 6 jobs finished",
      () => jobsDone(ids),
      180_000,
      () => hosts.map((h) => h.output()).join("\n"),
    );
    expect(await unsuccessful(ids)).toEqual([]);

    const jobs = await db.trainingJob.findMany({ where: { id: { in: ids } }, include: { runs: { include: { artifacts: true } } } });
    for (const j of jobs) expect({ attempts: j.attempts, runs: j.runs.length }).toEqual({ attempts: 1, runs: 1 });
    expect(new Set(jobs.map((j) => j.workerHost))).toEqual(new Set(["host-a", "host-b"]));
    for (const j of jobs) for (const a of j.runs[0]?.artifacts ?? []) expect(await objectStore().exists(a.path)).toBe(true);

    const beats = await db.workerHeartbeat.findMany({ where: { hostname: "host-a" } });
    expect(beats[0]).toMatchObject({ pools: [pool], slots: 2, store: `s3://${s3.bucket}/fleet/`, version: expect.any(String) });
    expect(beats[0]?.cpus).toBeGreaterThan(0);
    expect(beats[0]?.memoryMb).toBeGreaterThan(0);
    // No host kept a store of its own; each read the dataset through its cache, checked by hash.
    for (const h of hosts) {
      expect(fs.existsSync(path.join(h.home, "store"))).toBe(false);
      expect(filesUnder(path.join(h.home, "cache"))).toContain(path.basename(datasetKey));
    }
  }, 240_000);

  it("serves the model from a third host that loads it from the store", async () => {
    const request = await requestPromotion(db, engineer.ctx, {
      modelName: model,
      version: 1,
      alias: "production",
      justification: "fleet",
      comparison: null,
    });
    await decidePromotion(db, approver.ctx, request.id, "approved", "ok");
    const { token } = await createApiToken(db, engineer.ctx, engineer.id, { name: "fleet serve" });
    const port = await freePort();
    const serve = onHost("serve-host", ["serve", "--port", String(port)]);
    await waitFor("serve listens", async () => serve.output().includes("listening"), 30_000, serve.output);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/models/${model}/predict`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ hour: 18, weekday: 4, distance: 700, origin: "ORD", destination: "LGA" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ model: { name: model, version: 1, alias: "production" }, predictions: [expect.any(Object)] });
    // Read from S3 and checked against its hash (model files are small: read whole, kept compiled in memory).
    expect(fs.existsSync(path.join(serve.home, "store"))).toBe(false);
  }, 90_000);

  it("runs a job that names a pool only on a worker that serves it", async () => {
    const big = `${pool}-big`;
    const id = await submit(`${model}-big`, big, datasetName);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await db.trainingJob.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
    // What the Workers page and an autoscaler see: a queued job in a pool nobody serves.
    const before = await fleetStatus(db);
    expect(before.pools.find((p) => p.pool === big)).toEqual({ pool: big, queued: 1, running: 0, slots: 0, busy: 0 });
    expect(before.pools.find((p) => p.pool === pool)).toMatchObject({ slots: 4 });
    expect(before.workers.filter((w) => w.host.startsWith("host-")).map((w) => [w.host, w.state])).toEqual([
      ["host-a", "live"],
      ["host-b", "live"],
    ]);
    const metrics = fleetMetrics(before);
    expect(metrics).toContain(`roundhouse_jobs_queued{pool="${big}"} 1`);
    expect(metrics).toContain(`roundhouse_worker_slots{pool="${pool}"} 4`);
    const c = worker("host-c", big);
    await waitFor("the pool's job finished", () => jobsDone([id]), 90_000, c.output);
    expect(await unsuccessful([id])).toEqual([]);
    expect((await db.trainingJob.findUniqueOrThrow({ where: { id } })).workerHost).toBe("host-c");
  }, 120_000);
});
