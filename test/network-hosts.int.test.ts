// Issue 19's multi-host test: three worker hosts and a serve host, each in a network namespace of its
// own that reaches only PostgreSQL and the S3 endpoint (relayed to its gateway), each with its own
// ROUNDHOUSE_HOME. 60 jobs, a sweep among them, run exactly once each, spread over the hosts; one
// host is killed with SIGKILL mid-job and its jobs finish elsewhere; the serve host serves a model
// it loads from S3.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, resolveTrainingData } from "@roundhouse/data";
import { createApiToken, createDb, type Db, decidePromotion, enqueueJob, enqueueSweep, requestPromotion } from "@roundhouse/db";
import { type S3TestServer, startS3TestServer } from "@roundhouse/store/s3-test-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { waitFor } from "./launcher.ts";
import { type NetworkHost, networkHosts } from "./network-hosts.ts";
import { type Person, person } from "./registry-fixture.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rh-netns-"));
const cli = path.resolve("packages/cli/bin/roundhouse.js");
const tag = randomUUID().slice(0, 8);
const pool = `netns-${tag}`;
const net = networkHosts();
let s3: S3TestServer;
let db: Db;
let engineer: Person;
let approver: Person;
let datasetName: string;
let relayed: { db: number; s3: number };
const processes: { host: string; child: ReturnType<NetworkHost["spawn"]>; output: () => string }[] = [];

/** A Roundhouse process on `host`: the database and the store through the host's gateway, nothing else. */
function start(host: NetworkHost, args: string[]) {
  const home = path.join(scratch, host.name);
  fs.mkdirSync(home, { recursive: true });
  const url = new URL(inject("databaseUrl"));
  url.hostname = host.gateway;
  url.port = String(relayed.db);
  const child = host.spawn(process.execPath, [cli, ...args], {
    HOME: home,
    ROUNDHOUSE_HOME: home,
    DATABASE_URL: url.toString(),
    ROUNDHOUSE_STORE: `s3://${s3.bucket}/netns`,
    ...s3.env,
    AWS_ENDPOINT_URL: `http://${host.gateway}:${relayed.s3}`,
    ROUNDHOUSE_LEASE_SECONDS: "6",
    ROUNDHOUSE_SCHEDULER: "off",
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d));
  child.stderr?.on("data", (d: Buffer) => (output += d));
  const p = { host: host.name, child, output: () => output };
  processes.push(p);
  return p;
}

function syntheticCsv(file: string, rows: number) {
  const lines = ["amount,tenure,region,churned"];
  let state = 7;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(rand() * 1000);
    const tenure = Math.round(rand() * 60);
    const region = ["north", "south", "east", "west"][Math.floor(rand() * 4)];
    const churned = amount / 1000 + (region === "south" ? 0.3 : 0) - tenure / 120 + rand() * 0.4 > 0.6 ? "yes" : "no";
    lines.push(`${amount},${tenure},${region},${churned}`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const spec = (name: string, extra: Record<string, unknown> = {}) =>
  TrainingSpecSchema.parse({
    metadata: { name, tags: [tag] },
    data: { dataset: datasetName, label: "churned" },
    train: { algorithm: "gbdt", params: { numTrees: 15, maxDepth: 3 }, ...extra },
    resources: { pool },
  });

beforeAll(async () => {
  s3 = await startS3TestServer({ dir: path.join(scratch, "s3rver") });
  Object.assign(process.env, { ROUNDHOUSE_STORE: `s3://${s3.bucket}/netns`, ...s3.env, ROUNDHOUSE_HOME: path.join(scratch, "web") });
  db = createDb(inject("databaseUrl"), 4);
  engineer = await person(db, "engineer", `netns-${tag}`);
  approver = await person(db, "approver", `netns-${tag}`);
  datasetName = `netns-churn-${tag}`;
  await ingestDataset(db, engineer.ctx, {
    name: datasetName,
    file: syntheticCsv(path.join(scratch, "churn.csv"), 3000),
    originalName: "churn.csv",
  });
}, 120_000);

afterAll(async () => {
  for (const p of processes) p.child.kill("SIGKILL");
  net.close();
  await s3?.close();
  await db?.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("worker hosts in network namespaces of their own", () => {
  const hosts: NetworkHost[] = [];

  it("reach PostgreSQL and S3 through their gateway and nothing of this machine besides", async () => {
    for (const name of ["w1", "w2", "w3", "serve"]) hosts.push(net.add(name));
    const pg = new URL(inject("databaseUrl"));
    const s3Url = new URL(s3.endpoint);
    relayed = {
      db: await net.relay(hosts, { host: pg.hostname, port: Number(pg.port || 5432) }),
      s3: await net.relay(hosts, { host: s3Url.hostname, port: Number(s3Url.port) }),
    };
    const dial = (host: NetworkHost, to: string, port: number) =>
      new Promise<string>((resolve) => {
        const probe = `require("net").connect(${port}, ${JSON.stringify(to)}).on("connect", () => { console.log("open"); process.exit(0) }).on("error", (e) => { console.log(e.code); process.exit(0) })`;
        let out = "";
        const c = host.spawn(process.execPath, ["-e", probe], {});
        c.stdout?.on("data", (d: Buffer) => (out += d));
        c.on("exit", () => resolve(out.trim()));
      });
    const [w1] = hosts as [NetworkHost];
    expect(await dial(w1, w1.gateway, relayed.db)).toBe("open");
    expect(await dial(w1, w1.gateway, relayed.s3)).toBe("open");
    // This machine's loopback (where PostgreSQL and s3rver really listen) is not the host's.
    expect(await dial(w1, "127.0.0.1", Number(pg.port || 5432))).toBe("ECONNREFUSED");
    expect(await dial(w1, "127.0.0.1", Number(s3Url.port))).toBe("ECONNREFUSED");
  }, 60_000);

  it("run 60 jobs, a sweep among them, each exactly once, and finish a killed host's jobs elsewhere", async () => {
    const workers = hosts.slice(0, 3).map((h) => start(h, ["worker", "--host", `${h.name}-${tag}`, "--pools", pool, "--slots", "2"]));
    const names = workers.map((_, i) => `w${i + 1}-${tag}`);
    const everyOutput = () => processes.map((p) => `--- ${p.host}\n${p.output().slice(-3000)}`).join("\n");
    await waitFor(
      "three workers beat",
      async () => (await db.workerHeartbeat.count({ where: { hostname: { in: names } } })) === 3,
      60_000,
      everyOutput,
    );

    const data = await resolveTrainingData(db, spec("probe"));
    const datasetVersionIds = [data.datasetVersionId];
    const plain = [];
    for (let i = 0; i < 51; i++)
      plain.push(await enqueueJob(db, engineer.ctx, { spec: spec(`netns-${tag}-${i}`), ownerId: engineer.id, datasetVersionIds }));
    const sweep = await enqueueSweep(db, engineer.ctx, {
      spec: spec(`netns-${tag}-sweep`, {
        sweep: {
          method: "grid",
          params: { maxDepth: [2, 3, 4], learningRate: [0.05, 0.1, 0.3] },
          parallelism: 6,
          objective: { metric: "auc" },
        },
      }),
      ownerId: engineer.id,
      datasetVersionIds,
    });
    const trialRows = await db.trainingJob.findMany({ where: { parentJobId: sweep.job.id }, select: { id: true } });
    const ids = [...plain.map((p) => p.job.id), ...trialRows.map((t) => t.id)];
    expect(ids).toHaveLength(60); // 51 jobs and the sweep's 9 trials (the sweep's own row is never claimed)

    // Kill w1 with SIGKILL while it runs a job.
    const w1 = workers[0] as (typeof workers)[number];
    await waitFor(
      "w1 runs a job",
      async () => (await db.trainingJob.count({ where: { id: { in: ids }, status: "running", workerHost: names[0] } })) > 0,
      120_000,
      everyOutput,
    );
    const killedOnW1 = (
      await db.trainingJob.findMany({ where: { id: { in: ids }, status: "running", workerHost: names[0] }, select: { id: true } })
    ).map((j) => j.id);
    w1.child.kill("SIGKILL");

    await waitFor(
      "all 60 jobs and the sweep succeeded",
      async () => (await db.trainingJob.count({ where: { id: { in: [...ids, sweep.job.id] }, status: "succeeded" } })) === 61,
      300_000,
      everyOutput,
    ).catch(async (err: Error) => {
      // Which jobs did not finish, where and after how many attempts: the hosts' tails alone do not say.
      const unfinished = await db.trainingJob.findMany({
        where: { id: { in: [...ids, sweep.job.id] }, status: { not: "succeeded" } },
        select: { name: true, status: true, attempts: true, workerHost: true, error: true, leaseExpiresAt: true },
      });
      throw new Error(`${err.message}\n--- unfinished jobs (${unfinished.length})\n${JSON.stringify(unfinished, null, 1).slice(0, 6000)}`);
    });
    const jobs = await db.trainingJob.findMany({ where: { id: { in: ids } }, include: { runs: true } });
    // Exactly once: one run (and one model) per job, whatever attempts a kill cost it.
    for (const j of jobs) expect(j.runs, j.name).toHaveLength(1);
    const byHost = new Map<string, number>();
    for (const j of jobs) byHost.set(j.workerHost ?? "none", (byHost.get(j.workerHost ?? "none") ?? 0) + 1);
    expect([...byHost.keys()].sort()).toEqual(expect.arrayContaining([names[1], names[2]]));
    for (const id of killedOnW1) {
      const j = jobs.find((x) => x.id === id);
      expect(j?.workerHost, "a killed host's job finished on another host").not.toBe(names[0]);
      expect(j?.attempts).toBeGreaterThanOrEqual(2);
    }
    const claims = await db.auditEvent.findMany({ where: { action: "job.claimed", entityId: { in: ids } }, select: { actorLabel: true } });
    const claimedBy = new Set(claims.map((c) => c.actorLabel.replace(/^worker:/, "").split("-")[0]));
    expect(claimedBy).toEqual(new Set(["w1", "w2", "w3"]));
  }, 420_000);

  it("serve from the fourth host a model the workers stored in S3", async () => {
    const model = `netns-${tag}-0`;
    const request = await requestPromotion(db, engineer.ctx, {
      modelName: model,
      version: 1,
      alias: "production",
      justification: "netns",
      comparison: null,
    });
    await decidePromotion(db, approver.ctx, request.id, "approved", "ok");
    const { token } = await createApiToken(db, engineer.ctx, engineer.id, { name: `netns ${tag}` });
    const serveHost = hosts[3] as NetworkHost;
    const serve = start(serveHost, ["serve", "--host", "0.0.0.0", "--port", "8081"]);
    await waitFor("serve listens", async () => serve.output().includes("listening"), 30_000, serve.output);
    const res = await fetch(`http://${serveHost.address}:8081/api/v1/models/${model}/predict`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ amount: 900, tenure: 2, region: "south" }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ model: { name: model, version: 1 }, predictions: [expect.any(Object)] });
  }, 90_000);
});
