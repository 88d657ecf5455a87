import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrateAdapter } from "./migrate-adapter.ts";

// The CLI tries to download Rust engines at start-up unless these point at existing files; with
// engine "js" it never runs them, so any placeholder will do (no network here).
const placeholder = path.join(os.tmpdir(), "roundhouse-prisma-engine-placeholder");
if (!fs.existsSync(placeholder)) fs.writeFileSync(placeholder, "");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;
// `prisma generate` needs no database; the datasource url must still resolve.
process.env.DATABASE_URL ??= "postgresql://roundhouse:roundhouse@127.0.0.1:54329/roundhouse";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "./schema.prisma",
  migrations: { path: "./migrations" },
  adapter: async () => migrateAdapter(process.env.DATABASE_URL as string),
});
