// Integration tests run against a real PostgreSQL: a fresh database on DATABASE_URL's server when
// that is set (CI also runs them on Debian's PostgreSQL 15), otherwise on an embedded server in a
// temporary folder. Either way the database is new for each run and migrated like production.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "@roundhouse/db/embedded-postgres";
import { applyMigrations } from "@roundhouse/db/migrations";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort } from "./free-port.ts";
import { databaseUrlFor } from "./test-database.ts";

export default async function setup(project: TestProject) {
  const database = `roundhouse_test_${Date.now()}_${process.pid}`;
  let adminUrl: string;
  let stopServer = async () => {};
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-int-"));
    fs.chmodSync(tmp, 0o755);
    const server = await startEmbeddedPostgres({ dir: path.join(tmp, "postgres"), port: await freePort() });
    adminUrl = server.adminUrl();
    stopServer = server.stop;
  }
  await ensureDatabase(adminUrl, database);
  const url = databaseUrlFor(adminUrl, database);
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("adminUrl", adminUrl);
  console.log(`[integration] PostgreSQL database ${database} (${process.env.DATABASE_URL ? "DATABASE_URL server" : "embedded"})`);

  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await stopServer();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
