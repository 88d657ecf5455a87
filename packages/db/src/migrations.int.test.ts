import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { applyMigrations, migrationStatus, readMigrations } from "./migrations.ts";

describe("migrations", () => {
  it("applies each migration once and records it where Prisma expects", async () => {
    const { url, drop } = await createTestDatabase(inject("adminUrl"));
    try {
      expect(await applyMigrations(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const status = await migrationStatus(client);
      const rows = (await client.query(`SELECT migration_name, checksum FROM "_prisma_migrations"`)).rows;
      await client.end();
      expect(status.pending).toEqual([]);
      expect(status.applied).toEqual(readMigrations().map((m) => m.name));
      expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    } finally {
      await drop();
    }
  });

  it("applies a new migration, then refuses to run once an applied one was edited", async () => {
    const { url, drop } = await createTestDatabase(inject("adminUrl"));
    try {
      const files = readMigrations();
      const extra = { name: "99999999999999_extra", sql: "CREATE TABLE extra_thing (id int);", checksum: "c".repeat(64) };
      expect(await applyMigrations(url, [...files, extra])).toEqual([extra.name]);
      const edited = { ...extra, checksum: "d".repeat(64) };
      await expect(applyMigrations(url, [...files, edited])).rejects.toThrow(/99999999999999_extra/);
    } finally {
      await drop();
    }
  });

  it("rolls back a failing migration and names it", async () => {
    const { url, drop } = await createTestDatabase(inject("adminUrl"));
    try {
      const bad = {
        name: "99999999999999_bad",
        sql: "CREATE TABLE half_made (id int); SELECT no_such_function();",
        checksum: "e".repeat(64),
      };
      await expect(applyMigrations(url, [...readMigrations(), bad])).rejects.toThrow(/99999999999999_bad failed/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const table = await client.query("SELECT to_regclass('half_made') AS t");
      const status = await migrationStatus(client, [...readMigrations(), bad]);
      await client.end();
      expect(table.rows[0].t).toBeNull();
      expect(status.pending).toEqual([bad.name]);
    } finally {
      await drop();
    }
  });
});
