// deploy/: the Kustomize base (rendered, parsed, its pieces checked), the Dockerfile (it builds what
// `pnpm start` runs and starts the entrypoint), and the entrypoint itself run directly for each role
// against the test database: no Docker engine or cluster runs on this machine kind.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_RESOURCES } from "@roundhouse/contracts";
import { createDb, type Db } from "@roundhouse/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { freePort } from "./free-port.ts";
import { waitFor } from "./launcher.ts";

const root = path.resolve(".");
const entrypoint = path.join(root, "deploy/docker/entrypoint.sh");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rh-deploy-"));
const children: ChildProcess[] = [];
let db: Db;

beforeAll(() => {
  db = createDb(inject("databaseUrl"), 2);
});
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await db?.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below
  spec?: any;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

/**
 * The rendering kept in deploy/kubernetes/rendered/ is what the assertions read; where kubectl is
 * installed (it is on this machine kind) it must equal a fresh `kubectl kustomize`, so it cannot go stale.
 */
function rendered(overlay: "base" | "keda"): Manifest[] {
  const kept = fs.readFileSync(path.join(root, `deploy/kubernetes/rendered/${overlay}.yaml`), "utf8");
  const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  if (kubectl.status === 0) {
    const fresh = execFileSync("kubectl", ["kustomize", path.join(root, "deploy/kubernetes", overlay)], { encoding: "utf8" });
    expect(fresh, `deploy/kubernetes/rendered/${overlay}.yaml is stale: run kubectl kustomize deploy/kubernetes/${overlay}`).toBe(kept);
  }
  return parseAllDocuments(kept).map((d) => d.toJSON() as Manifest);
}

const one = (all: Manifest[], kind: string, name: string) => {
  const found = all.filter((m) => m.kind === kind && m.metadata.name === name);
  expect(found, `${kind} ${name}`).toHaveLength(1);
  return found[0] as Manifest;
};
const container = (m: Manifest) => m.spec.template.spec.containers[0];
const secretsOf = (c: { envFrom: { secretRef?: { name: string } }[] }) => c.envFrom.flatMap((e) => (e.secretRef ? [e.secretRef.name] : []));

describe("the Kubernetes base", () => {
  const all = rendered("base");

  it("has the web, worker and serve Deployments, their Services, the serve autoscaler and the migration Job, all on one image", () => {
    const web = one(all, "Deployment", "roundhouse-web");
    const worker = one(all, "Deployment", "roundhouse-worker");
    const serve = one(all, "Deployment", "roundhouse-serve");
    const migrate = one(all, "Job", "roundhouse-migrate");
    expect([web, worker, serve, migrate].map((m) => container(m).args)).toEqual([["web"], ["worker"], ["serve"], ["migrate"]]);
    expect(new Set([web, worker, serve, migrate].map((m) => container(m).image))).toEqual(new Set(["ghcr.io/roundhouse/roundhouse:0.1.0"]));
    for (const [name, target] of [
      ["roundhouse-web", "roundhouse-web"],
      ["roundhouse-serve", "roundhouse-serve"],
    ]) {
      const svc = one(all, "Service", name as string);
      expect(svc.spec.selector).toEqual({ "app.kubernetes.io/name": target });
    }
    const hpa = one(all, "HorizontalPodAutoscaler", "roundhouse-serve");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "roundhouse-serve" });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(container(web).readinessProbe.httpGet.path).toBe("/api/v1/health");
    for (const m of all) expect(m.metadata.labels?.["app.kubernetes.io/part-of"], `${m.kind} ${m.metadata.name}`).toBe("roundhouse");
  });

  it("gives each process the Secrets it needs and no more, and ships them empty", () => {
    expect(secretsOf(container(one(all, "Deployment", "roundhouse-web")))).toEqual([
      "roundhouse-database",
      "roundhouse-store",
      "roundhouse-session",
    ]);
    expect(secretsOf(container(one(all, "Deployment", "roundhouse-worker")))).toEqual(["roundhouse-database", "roundhouse-store"]);
    expect(secretsOf(container(one(all, "Deployment", "roundhouse-serve")))).toEqual(["roundhouse-database", "roundhouse-store"]);
    expect(secretsOf(container(one(all, "Job", "roundhouse-migrate")))).toEqual(["roundhouse-database"]);
    for (const name of ["roundhouse-database", "roundhouse-store", "roundhouse-session"]) {
      const values = Object.values(one(all, "Secret", name).stringData ?? {});
      expect(values.length).toBeGreaterThan(0);
      expect(
        values.every((v) => v === ""),
        `${name} must not ship a value`,
      ).toBe(true);
    }
    expect(one(all, "ConfigMap", "roundhouse-config").data?.ROUNDHOUSE_STORE).toMatch(/^s3:\/\//);
  });

  it("sizes a worker pod from a job's default resources times its slots, and gives it time to hand jobs back", () => {
    const worker = one(all, "Deployment", "roundhouse-worker");
    const c = container(worker);
    const slots = Number(c.env.find((e: { name: string }) => e.name === "ROUNDHOUSE_WORKER_SLOTS").value);
    expect(c.resources.requests).toEqual({ cpu: String(slots * DEFAULT_RESOURCES.cpu), memory: `${slots * DEFAULT_RESOURCES.memoryMb}Mi` });
    expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    for (const m of all.filter((x) => x.kind === "Deployment" || x.kind === "Job"))
      expect(m.spec.template.spec.securityContext.runAsNonRoot, m.metadata.name).toBe(true);
  });

  it("has a KEDA overlay that scales workers on the queue depth the web app publishes", () => {
    const keda = rendered("keda");
    const scaler = one(keda, "ScaledObject", "roundhouse-worker");
    expect(scaler.spec.scaleTargetRef.name).toBe("roundhouse-worker");
    expect(scaler.spec.triggers[0].metadata).toMatchObject({
      url: "http://roundhouse-web/api/v1/metrics?pool=default",
      format: "prometheus",
      valueLocation: "roundhouse_queue_depth",
    });
    expect(keda.filter((m) => m.kind === "Deployment")).toHaveLength(3);
  });
});

describe("the Dockerfile", () => {
  const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");

  it("builds what pnpm start runs and starts the entrypoint, as a user without root", () => {
    const start = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start as string;
    const build = /turbo run build( --filter=\S+)+/.exec(start)?.[0];
    expect(build).toBeTruthy();
    expect(dockerfile).toContain(`pnpm exec ${build}`);
    expect(dockerfile).toContain("pnpm install --frozen-lockfile");
    expect(dockerfile).toMatch(/^ENTRYPOINT \["tini", "--", "\/app\/deploy\/docker\/entrypoint.sh"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain(
      `pnpm@${JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).packageManager.split("@")[1]}`,
    );
  });
});

describe("the image's entrypoint, run directly", () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync("bash", [entrypoint, ...args], {
      env: { PATH: process.env.PATH, ROUNDHOUSE_ROOT: root, ROUNDHOUSE_HOME: path.join(scratch, "home"), ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
  const start = (role: string, env: Record<string, string>) => {
    let output = "";
    const child = spawn("bash", [entrypoint, role], {
      env: { PATH: process.env.PATH, ROUNDHOUSE_ROOT: root, ROUNDHOUSE_HOME: path.join(scratch, role), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d));
    child.stderr?.on("data", (d: Buffer) => (output += d));
    children.push(child);
    return { child, output: () => output };
  };
  const shared = () => ({ DATABASE_URL: inject("databaseUrl"), ROUNDHOUSE_STORE: path.join(scratch, "store") });

  it("refuses an unknown role, a missing database, a missing store and a short session secret, saying which", () => {
    const none = run(["train"], {});
    expect(none.status).toBe(64);
    expect(none.stderr).toContain("usage: entrypoint.sh web|worker|serve|migrate");
    const noDb = run(["worker"], {});
    expect([noDb.status, noDb.stderr]).toEqual([1, expect.stringContaining("DATABASE_URL is not set")]);
    const noStore = run(["serve"], { DATABASE_URL: inject("databaseUrl") });
    expect([noStore.status, noStore.stderr]).toEqual([1, expect.stringContaining("ROUNDHOUSE_STORE is not set")]);
    const weak = run(["web"], { ...shared(), ROUNDHOUSE_SESSION_SECRET: "short" });
    expect([weak.status, weak.stderr]).toEqual([1, expect.stringContaining("ROUNDHOUSE_SESSION_SECRET must be 32+ characters")]);
  });

  it("migrate applies what is pending (nothing, here) and exits 0", () => {
    const r = run(["migrate"], { DATABASE_URL: inject("databaseUrl") });
    expect(r.status, r.stderr + r.stdout).toBe(0);
  });

  it("worker registers under the pod's name and says goodbye on SIGTERM", async () => {
    const host = `pod-${randomUUID().slice(0, 8)}`;
    // A pool of its own: the test database holds other tests' queued jobs, which this worker must
    // not claim (stopping would then wait for their hand-back).
    const w = start("worker", { ...shared(), ROUNDHOUSE_WORKER_HOST: host, ROUNDHOUSE_WORKER_POOLS: host, ROUNDHOUSE_SCHEDULER: "off" });
    await waitFor(
      "the worker's heartbeat",
      async () => (await db.workerHeartbeat.count({ where: { hostname: host } })) === 1,
      60_000,
      w.output,
    );
    const exited = new Promise<number | null>((r) => w.child.on("exit", (code) => r(code)));
    w.child.kill("SIGTERM"); // tini's job in the image; here bash has exec'd node, so node gets it
    const late = new Promise<string>((r) => setTimeout(() => r(`still running 30 s after SIGTERM:\n${w.output()}`), 30_000).unref());
    expect(await Promise.race([exited, late])).toBe(0);
    expect(await db.workerHeartbeat.count({ where: { hostname: host } })).toBe(0);
  }, 90_000);

  it("web answers its health check and serve listens, on all interfaces", async () => {
    const [webPort, servePort] = [await freePort(), await freePort()];
    const web = start("web", { ...shared(), PORT: String(webPort), ROUNDHOUSE_SESSION_SECRET: randomBytes(24).toString("hex") });
    const serve = start("serve", { ...shared(), PORT: String(servePort) });
    await waitFor(
      "web health",
      async () => (await fetch(`http://127.0.0.1:${webPort}/api/v1/health`).catch(() => null))?.status === 200,
      90_000,
      web.output,
    );
    await waitFor("serve listens", async () => serve.output().includes("listening on http://0.0.0.0"), 30_000, serve.output);
  }, 120_000);
});
