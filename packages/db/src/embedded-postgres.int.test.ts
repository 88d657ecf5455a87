import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/free-port.ts";
import { CLUSTERS_ROOT, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrations.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-pg-"));
fs.chmodSync(tmp, 0o755);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  const dir = path.join(tmp, "pg");

  it("keeps data across a stop and a start", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dir, port });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dir, port });
    expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    await second.stop();
  });

  it("takes over a server left running by a launcher that was killed", async () => {
    const port = await freePort();
    // A child process starts the server and is killed with SIGKILL before it can stop it.
    const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve(import.meta.dirname, "embedded-postgres.ts"))};
      await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port} }); console.log("up"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("up") && resolve()));
    child.kill("SIGKILL");
    const orphanPid = Number(fs.readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    const server = await startEmbeddedPostgres({ dir, port });
    expect(await query(server.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    expect(() => process.kill(orphanPid, 0)).toThrow();
    await server.stop();
  });

  it("says which port is taken and how to pick another", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      await expect(startEmbeddedPostgres({ dir, port })).rejects.toThrow(new RegExp(`Port ${port} is already in use.*ROUNDHOUSE_PG_PORT`));
    } finally {
      blocker.close();
    }
  });

  it.skipIf(process.getuid?.() !== 0)(
    "as root with a home the postgres user cannot enter (a checkout under /root), keeps the cluster outside and links it",
    async () => {
      const closed = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-root-like-"));
      fs.chmodSync(closed, 0o700);
      const home = path.join(closed, "home");
      const lines: string[] = [];
      const port = await freePort();
      const server = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port, log: (l) => lines.push(l) });
      const real = fs.realpathSync(path.join(home, "postgres"));
      try {
        expect(fs.lstatSync(path.join(home, "postgres")).isSymbolicLink()).toBe(true);
        expect(real.startsWith(`${CLUSTERS_ROOT}/`)).toBe(true);
        expect(lines.join("\n")).toContain(`cannot enter ${closed}`);
        expect(await query(server.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
        await server.stop();
        // A second start finds the same cluster through the link.
        const again = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port });
        expect(fs.realpathSync(path.join(home, "postgres"))).toBe(real);
        await again.stop();
      } finally {
        fs.rmSync(closed, { recursive: true, force: true });
        fs.rmSync(real, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it.skipIf(process.getuid?.() !== 0)(
    "as root, a home deleted and made again at the same path gets a new database, and the old one is kept aside",
    async () => {
      const closed = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-reclone-"));
      fs.chmodSync(closed, 0o700);
      const home = path.join(closed, "home");
      const port = await freePort();
      const first = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port });
      const real = fs.realpathSync(path.join(home, "postgres"));
      const aside = () => fs.readdirSync(CLUSTERS_ROOT).filter((name) => name.startsWith(`${path.basename(real)}.orphaned-`));
      try {
        await query(first.url, "CREATE TABLE jobs_of_the_old_home (v text); INSERT INTO jobs_of_the_old_home VALUES ('old')");
        // Left running, as a launcher killed with SIGKILL leaves it, when the checkout is deleted.
        fs.rmSync(home, { recursive: true, force: true });

        const lines: string[] = [];
        const second = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port, log: (l) => lines.push(l) });
        try {
          expect(fs.realpathSync(path.join(home, "postgres"))).toBe(real);
          const tables = await query(second.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'jobs_of_the_old_home'");
          expect(tables).toEqual([{ n: 0 }]);
          const [kept] = aside();
          expect(aside()).toHaveLength(1);
          expect(fs.existsSync(path.join(CLUSTERS_ROOT, `${kept}`, "data", "PG_VERSION"))).toBe(true);
          expect(lines.join("\n")).toContain(`kept in ${path.join(CLUSTERS_ROOT, `${kept}`)}`);
        } finally {
          await second.stop();
        }
        // The home is still there: the next start uses the new cluster and moves nothing.
        const third = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port });
        expect(aside()).toHaveLength(1);
        await third.stop();
      } finally {
        fs.rmSync(closed, { recursive: true, force: true });
        for (const dir of [real, ...aside().map((name) => path.join(CLUSTERS_ROOT, name))])
          fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it("makes random passwords, and gives the app a role that cannot rewrite the audit trail", async () => {
    const port = await freePort();
    const own = path.join(tmp, "least-privilege");
    const server = await startEmbeddedPostgres({ dir: own, port });
    try {
      const file = path.join(own, "passwords.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const { owner, app } = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(owner).toMatch(/^[\w-]{32}$/);
      expect(server.url).not.toContain(":roundhouse@");
      await applyMigrations(server.url);
      await server.grantApp();
      expect(server.appUrl).toContain(encodeURIComponent(app));

      const appClient = new pg.Client({ connectionString: server.appUrl });
      await appClient.connect();
      try {
        await appClient.query("INSERT INTO sign_in_throttles (key, failures, last_failed_at) VALUES ('k', 1, now())");
        expect((await appClient.query("SELECT count(*)::int AS n FROM audit_events")).rows).toEqual([{ n: 0 }]);
        for (const sql of [
          "SET session_replication_role = replica",
          "ALTER TABLE audit_events DISABLE TRIGGER ALL",
          "UPDATE audit_events SET action = 'x'",
          "DELETE FROM decisions",
          "TRUNCATE audit_checkpoints",
          "DROP TABLE decision_batches",
          "CREATE TABLE mine (v int)",
          "ALTER ROLE roundhouse_app SUPERUSER",
        ]) {
          await expect(appClient.query(sql), sql).rejects.toThrow(
            /permission denied|must be owner|must be superuser|not allowed|only roles with/i,
          );
        }
      } finally {
        await appClient.end();
      }
    } finally {
      await server.stop();
    }
  });
});
