// The launcher as a user runs it: `pnpm start` (here `tsx scripts/start.ts`) on a fresh home, a
// Ctrl-C and a start again, then a kill -9 and a start again. Needs the built web app
// (`pnpm test:int` builds it first).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../test/free-port.ts";
import { launcherHarness, signIn, waitFor as waitUntil } from "../test/launcher.ts";

const { home, launch, cleanUp, pidOf } = launcherHarness("roundhouse-launcher-");
afterAll(cleanUp);

describe("pnpm start", () => {
  it("starts, stops on Ctrl-C, and starts again with the same data; recovers after kill -9", async () => {
    const [webPort, pgPort] = [await freePort(), await freePort()];
    const first = await launch(webPort, pgPort);
    // The accounts are printed just after "Roundhouse is running" (what launch waits for).
    await waitUntil("the demo accounts are listed", async () => first.output().includes("engineer@roundhouse.local"), 15_000, first.output);
    const health = await (await fetch(`http://127.0.0.1:${webPort}/api/v1/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: { ok: true }, migrations: { ok: true, pending: [] } });
    // Loopback only by default: the demo passwords are public, so the network must not reach it.
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    if (lan) await expect(fetch(`http://${lan}:${webPort}/api/v1/health`)).rejects.toThrow();

    const admin = await signIn(webPort, "admin@roundhouse.local", "admin-roundhouse");
    expect(admin.status).toBe(200);
    const created = await fetch(`http://127.0.0.1:${webPort}/api/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie, origin: `http://127.0.0.1:${webPort}` },
      body: JSON.stringify({ email: "kept@example.com", name: "Kept", role: "viewer", password: "kept-password" }),
    });
    expect(created.status).toBe(201);

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("stopped");

    const second = await launch(webPort, pgPort);
    expect(second.output()).toContain("database schema is up to date");
    expect((await signIn(webPort, "kept@example.com", "kept-password")).status).toBe(200);

    // kill -9: no clean-up at all. The web server notices its parent is gone and exits; the
    // database server keeps running until the next start takes it over.
    second.child.kill("SIGKILL");
    await second.exited;
    const third = await launch(webPort, pgPort);
    expect(third.output()).toMatch(/left running \(pid \d+\); stopping it/);
    expect((await signIn(webPort, "kept@example.com", "kept-password")).status).toBe(200);
    third.child.kill("SIGINT");
    expect(await third.exited).toBe(0);
  }, 240_000);

  it("supervises: a killed worker, web app or postmaster is started again and a job still succeeds", async () => {
    const [webPort, pgPort] = [await freePort(), await freePort()];
    const launcher = await launch(webPort, pgPort);
    const base = `http://127.0.0.1:${webPort}`;
    const waitFor = (what: string, ok: () => Promise<boolean>, timeoutMs = 30_000) => waitUntil(what, ok, timeoutMs, launcher.output);
    const healthy = async () => (await (await fetch(`${base}/api/v1/health`)).json()).status === "ok";
    const engineer = await signIn(webPort, "engineer@roundhouse.local", "engineer-roundhouse");
    expect(engineer.status).toBe(200);
    const headers = { "content-type": "application/json", cookie: engineer.cookie, origin: base };
    // The small demo datasets come first (the 3 million flights load after them); the job below needs one.
    await waitFor(
      "the seattle-weather demo dataset was loaded",
      async () =>
        (await (await fetch(`${base}/api/v1/datasets`, { headers })).json()).items.some(
          (d: { name: string }) => d.name === "seattle-weather",
        ),
      60_000,
    );

    const worker = pidOf("run/worker.pid");
    process.kill(worker, "SIGKILL");
    await waitFor(
      "the worker restarted",
      async () => fs.existsSync(path.join(home, "run/worker.pid")) && pidOf("run/worker.pid") !== worker,
    );
    expect(launcher.output()).toMatch(/worker exited unexpectedly \(SIGKILL\); restarting it in 1 s/);

    const web = pidOf("run/web.pid");
    process.kill(web, "SIGKILL");
    await waitFor("the web app answered again", async () => pidOf("run/web.pid") !== web && (await healthy()));

    const postmaster = pidOf("postgres/data/postmaster.pid");
    process.kill(postmaster, "SIGKILL");
    await waitFor("PostgreSQL was noticed", async () => launcher.output().includes("PostgreSQL stopped unexpectedly"), 10_000);
    await waitFor("health was ok again", healthy, 30_000);
    expect(pidOf("postgres/data/postmaster.pid")).not.toBe(postmaster);

    // The whole loop still works with the session from before: submit, and the restarted worker trains it.
    const spec = {
      metadata: { name: "after-faults" },
      data: { dataset: "seattle-weather", label: "weather" },
      train: { algorithm: "logistic_regression" },
    };
    const job = await (await fetch(`${base}/api/v1/jobs`, { method: "POST", headers, body: JSON.stringify(spec) })).json();
    await waitFor(
      "the job succeeded",
      async () => (await (await fetch(`${base}/api/v1/jobs/${job.id}`, { headers })).json()).status === "succeeded",
      90_000,
    );
    launcher.child.kill("SIGINT");
    expect(await launcher.exited).toBe(0);
  }, 300_000);
});
