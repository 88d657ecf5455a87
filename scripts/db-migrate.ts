// `pnpm db:migrate <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between prisma/schema.prisma and the schema the last migration produced (kept in
// prisma/migrations/schema.snapshot.prisma), applies it, and regenerates the client.
// Why not `prisma migrate dev`: its shadow-database introspection crashes the offline WebAssembly
// schema engine of Prisma 6.19 ("RuntimeError: unreachable") once tables exist; a datamodel-to-
// datamodel diff needs no introspection at all.
// `pnpm db:deploy`: apply pending migrations only.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "@roundhouse/db/migrations";
import { root } from "./lib/config.ts";
import { withDatabase } from "./lib/database.ts";

const deploy = process.argv.includes("--deploy");
const name = process.argv.slice(2).find((a) => !a.startsWith("--"));
const migrations = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const schema = path.join(root, "prisma", "schema.prisma");

await withDatabase(async (url) => {
  if (!deploy) {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Name the migration in snake_case: pnpm db:migrate add_run_notes");
    const prisma = path.join(root, "node_modules", ".bin", "prisma");
    const sql = execFileSync(
      prisma,
      [
        "migrate",
        "diff",
        "--config",
        "prisma/prisma.config.ts",
        "--from-schema-datamodel",
        snapshot,
        "--to-schema-datamodel",
        schema,
        "--script",
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
    );
    if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
      console.log("prisma/schema.prisma has no changes since the last migration");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrations, `${stamp}_${name}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(schema, snapshot);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
  if (!deploy)
    execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["generate", "--config", "prisma/prisma.config.ts"], {
      cwd: root,
      stdio: "inherit",
    });
});
