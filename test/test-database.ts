import { randomBytes } from "node:crypto";
import { ensureDatabase } from "@roundhouse/db/embedded-postgres";
import { applyMigrations } from "@roundhouse/db/migrations";
import pg from "pg";

export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A new, migrated database on the test server, for tests that need an empty or damaged one. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `roundhouse_scratch_${randomBytes(6).toString("hex")}`;
  await ensureDatabase(adminUrl, name);
  const url = databaseUrlFor(adminUrl, name);
  await applyMigrations(url);
  return {
    url,
    drop: async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
