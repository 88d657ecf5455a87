import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The web app's "@/..." imports, as its tsconfig resolves them.
const web = fileURLToPath(new URL("./apps/web/src", import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { "@": web } },
        test: {
          name: "unit",
          // Training tests do real work; a loaded CI machine must not turn them into timeouts.
          testTimeout: 30_000,
          include: ["packages/**/src/**/*.test.ts", "apps/web/src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/**/src/**/*.int.test.ts", "scripts/**/*.int.test.ts", "test/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["./test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One PostgreSQL per run; files share it, each test makes its own rows.
          fileParallelism: false,
        },
      },
    ],
  },
});
