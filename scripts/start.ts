// `pnpm start`: the whole product on one command. Starts the embedded PostgreSQL (or uses
// DATABASE_URL), applies migrations, creates the first accounts, then runs the web app and the
// worker. It supervises them: a crashed web app or worker is started again with back-off, and so
// is the embedded PostgreSQL if its postmaster dies. Only Ctrl-C or SIGTERM stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { loadDemoDatasets } from "@roundhouse/data";
import { createDb, DEMO_ACCOUNTS, grantAppRole, seedAccounts } from "@roundhouse/db";
import type { EmbeddedPostgres } from "@roundhouse/db/embedded-postgres";
import { applyMigrations } from "@roundhouse/db/migrations";
import { forgetChild, recordChild, stopLeftovers } from "./lib/child-pids.ts";
import { config, root, sessionSecret } from "./lib/config.ts";
import { openDatabase } from "./lib/database.ts";

const dev = process.argv.includes("--dev");
const t0 = performance.now();
const say = (line: string) => console.log(`[roundhouse] ${line}`);
const children = new Map<string, ChildProcess>();
let stopping = false;
let stopDatabase: (() => Promise<void>) | undefined;

async function main() {
  say(`home ${config.home}`);
  // The data store (demo data loaded here, and the web app) resolves files from this.
  process.env.ROUNDHOUSE_HOME = config.home;
  for (const leftover of await stopLeftovers(config.home)) say(`stopped ${leftover}, left running by an earlier start`);
  await assertPortFree(config.webPort, "PORT");
  const { url, server } = await openDatabase((line) => say(line));
  stopDatabase = server?.stop;
  if (server) watchDatabase(server);
  say(config.databaseUrl ? "using DATABASE_URL" : `embedded PostgreSQL ready on port ${config.pgPort}`);

  // Migrations run as the owner; the web app and the worker connect as the least-privileged role
  // (app-role.ts): the embedded server's own, or DATABASE_URL's user when an owner URL is given.
  const ownerUrl = server?.url ?? config.ownerDatabaseUrl ?? url;
  const applied = await applyMigrations(ownerUrl);
  say(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
  if (server) await server.grantApp();
  else if (config.ownerDatabaseUrl) {
    const app = new URL(url);
    await grantAppRole(ownerUrl, decodeURIComponent(app.password), decodeURIComponent(app.username));
    say(`granted ${decodeURIComponent(app.username)} row access only (migrations ran as the owner)`);
  }
  const appUrl = server?.appUrl ?? url;

  const demo = !config.databaseUrl && config.demo;
  const client = createDb(ownerUrl, 2);
  const seeded = await seedAccounts(client, { demo });

  const env = {
    ...process.env,
    DATABASE_URL: appUrl,
    ROUNDHOUSE_REPO_ROOT: root,
    ROUNDHOUSE_HOME: config.home,
    ROUNDHOUSE_DATA_ROOTS: process.env.ROUNDHOUSE_DATA_ROOTS ?? path.join(config.home, "imports"),
    ROUNDHOUSE_SESSION_SECRET: sessionSecret(),
    PORT: String(config.webPort),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(root, "scripts/exit-with-parent.cjs")}`.trim(),
  };
  // Production: the web app's own server (apps/web/server.ts: predict calls with a token skip
  // Next.js). Development: `next dev`, for hot reload; the same answers, through the route.
  const nextBin = path.join(root, "apps/web/node_modules/next/dist/bin/next");
  const webArgs = dev
    ? [nextBin, "dev", "-p", String(config.webPort), "-H", config.webHost]
    : ["--import", "tsx", "server.ts", "--port", String(config.webPort), "--host", config.webHost];
  startChild("web", process.execPath, webArgs, {
    cwd: path.join(root, "apps/web"),
    env: dev ? env : { ...env, NODE_ENV: "production" },
  });
  startChild("worker", process.execPath, ["--import", "tsx", path.join(root, "packages/worker/src/main.ts")], { cwd: root, env });
  const reachable = ["0.0.0.0", "::"].includes(config.webHost) ? "127.0.0.1" : config.webHost;
  await waitForHttp(`http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${config.webPort}/api/v1/health`);

  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  say(`ready in ${seconds} s`);
  console.log(`\n  Roundhouse is running at http://localhost:${config.webPort}`);
  console.log(
    config.webHost === "127.0.0.1"
      ? "  (this machine only; set HOST=0.0.0.0 to open it to the network after changing the demo passwords)\n"
      : `  (listening on ${config.webHost})\n`,
  );
  printAccounts(seeded, demo);
  if (demo) await loadDemoData(client);
  await client.$disconnect();
  console.log("  Press Ctrl-C to stop.\n");
}

/** After the dashboard is up, so a first start is usable at once while the data loads. */
async function loadDemoData(client: ReturnType<typeof createDb>) {
  const owner = await client.user.findUnique({ where: { email: "engineer@roundhouse.local" } });
  if (!owner) return;
  try {
    const started = performance.now();
    const loaded = await loadDemoDatasets(client, { actor: { id: owner.id, label: "demo data" } }, say);
    if (loaded) say(`demo datasets ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    say(`could not load the demo datasets: ${(err as Error).message}`);
  }
}

function printAccounts(seeded: { email: string; password: string; role: string }[], demo: boolean) {
  const accounts = seeded.length ? seeded : demo ? DEMO_ACCOUNTS : [];
  if (accounts.length === 0) return;
  console.log(seeded.length ? "  Created these accounts:" : "  Sign in with one of the demo accounts:");
  for (const a of accounts) console.log(`    ${a.role.padEnd(9)} ${a.email.padEnd(28)} password: ${a.password}`);
  if (seeded.length && !demo) console.log("  (Keep this password: it is not shown again.)");
  console.log("");
}

/** Back-off between restarts of one child: 1, 2, 4 … 30 s, back to 1 s once it ran for a minute. */
const restartDelayMs = (restarts: number) => Math.min(30_000, 1000 * 2 ** restarts);
const STABLE_MS = 60_000;

function startChild(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }, restarts = 0) {
  const startedAt = Date.now();
  const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join("\n");
  child.stdout?.on("data", (d) => console.log(prefix(d)));
  child.stderr?.on("data", (d) => console.error(prefix(d)));
  if (child.pid) recordChild(config.home, name, child.pid);
  child.on("exit", (code, signal) => {
    children.delete(name);
    forgetChild(config.home, name);
    if (stopping) return;
    const attempt = Date.now() - startedAt > STABLE_MS ? 0 : restarts;
    const delay = restartDelayMs(attempt);
    say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s`);
    setTimeout(() => {
      if (!stopping) startChild(name, cmd, args, opts, attempt + 1);
    }, delay);
  });
  children.set(name, child);
}

/** The embedded postmaster is checked every 2 s and started again (with back-off) if it died. */
function watchDatabase(server: EmbeddedPostgres) {
  let restarts = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (stopping || busy || (await server.isRunning())) return;
    busy = true;
    say("PostgreSQL stopped unexpectedly; starting it again");
    while (!stopping) {
      try {
        await server.restart();
        say("PostgreSQL is back; the web app and the worker reconnect by themselves");
        restarts = 0;
        break;
      } catch (err) {
        const delay = restartDelayMs(restarts++);
        say(`PostgreSQL did not start yet (${(err as Error).message.split("\n")[0]}); trying again in ${delay / 1000} s`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    busy = false;
  }, 2000);
  timer.unref();
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          // Within 10 s in all: the children get 7 (the worker hands its jobs back in 1–3), then
          // PostgreSQL's fast stop.
          const timer = setTimeout(() => child.kill("SIGKILL"), 7_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  await stopDatabase?.().catch((err) => say(`could not stop PostgreSQL cleanly: ${err}`));
  say("stopped");
  process.exit(code);
}

function assertPortFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(new Error(`Port ${port} is already in use. Stop the program using it, or set ${variable} to another port.`)),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

async function waitForHttp(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const res = await fetch(url);
      if (res.status < 500 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The web app did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch(async (err: Error) => {
  console.error(`\n[roundhouse] could not start: ${err.message}\n`);
  await shutdown(1);
});
