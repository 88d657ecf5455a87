// Applies the committed Prisma migrations (prisma/migrations/*/migration.sql) at start-up without
// the Prisma CLI: the CLI costs seconds and needs adapter work-arounds, while this is one query
// per migration. It keeps Prisma's own `_prisma_migrations` bookkeeping (same table, same SHA-256
// checksum), so `prisma migrate dev` and `migrate status` agree with what was applied here.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied here but edited since: the database no longer matches the committed history. */
  modified: string[];
}

/** Repository root: ROUNDHOUSE_REPO_ROOT (set by the launcher) or found by walking up from cwd. */
export function repoRoot(): string {
  if (process.env.ROUNDHOUSE_REPO_ROOT) return process.env.ROUNDHOUSE_REPO_ROOT;
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Cannot find the Roundhouse repository root; set ROUNDHOUSE_REPO_ROOT.");
    dir = parent;
  }
  return dir;
}

export function readMigrations(dir = path.join(repoRoot(), "prisma", "migrations")): MigrationFile[] {
  // turbopackIgnore: the folder is read at run time, not traced into the web app's build output.
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/* turbopackIgnore: true */ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every Roundhouse process.
const MIGRATION_LOCK = 7_240_311;

export async function migrationStatus(client: pg.ClientBase | pg.Pool, files = readMigrations()): Promise<MigrationStatus> {
  const exists = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS ok");
  const rows: { migration_name: string; checksum: string }[] = exists.rows[0]?.ok
    ? (
        await client.query(
          `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows
    : [];
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  return {
    applied: files.filter((f) => applied.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !applied.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => applied.has(f.name) && applied.get(f.name) !== f.checksum).map((f) => f.name),
  };
}

/** Applies pending migrations in order, each in its own transaction; returns their names. */
export async function applyMigrations(url: string, files = readMigrations()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Two processes starting at once must not both apply the same migration.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(BOOKKEEPING);
    const status = await migrationStatus(client, files);
    if (status.modified.length > 0) {
      throw new Error(
        `Migrations already applied to this database were edited since: ${status.modified.join(", ")}. ` +
          "Restore them, and put schema changes in a new migration (pnpm db:migrate).",
      );
    }
    const done: string[] = [];
    for (const file of files.filter((f) => status.pending.includes(f.name))) {
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [id, file.checksum, file.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${file.name} failed: ${(err as Error).message}`);
      }
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
