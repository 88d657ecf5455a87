import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/free-port.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";

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
});
