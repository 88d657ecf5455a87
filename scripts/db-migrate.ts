// `pnpm db:migrate [name]`: make a new migration from prisma/schema.prisma changes (prisma migrate
// dev) against DATABASE_URL or the embedded server. `pnpm db:deploy`: apply pending migrations only.
import { execFileSync } from "node:child_process";
import { applyMigrations } from "@roundhouse/db/migrations";
import { withDatabase } from "./lib/database.ts";

const deploy = process.argv.includes("--deploy");
const name = process.argv.slice(2).find((a) => !a.startsWith("--"));

await withDatabase(async (url) => {
  if (deploy) {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
    return;
  }
  const args = ["prisma", "migrate", "dev", "--config", "prisma/prisma.config.ts"];
  if (name) args.push("--name", name);
  execFileSync("npx", args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
});
