// `pnpm build` (this package's part): the training child's entry compiled to one JavaScript file,
// so a job's process starts without compiling TypeScript (tsx took ~1 s of every job's start).
// Roundhouse's own packages are bundled in; every other package stays an import, pinned to the
// exact file this checkout's node_modules resolves it to, so native modules (DuckDB) and Prisma's
// generated client load as they do under tsx. supervise-job.ts uses the file only while it is
// newer than every source it was built from.
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const external: Plugin = {
  name: "external-by-resolved-path",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving || args.path.startsWith("@roundhouse/") || args.path.startsWith("node:")) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      if (resolved.errors.length) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

const started = performance.now();
await build({
  entryPoints: [path.join(import.meta.dirname, "src/run-job.ts")],
  outfile: path.join(import.meta.dirname, "dist/run-job.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  // Class names as written (Invalid, not the _Invalid esbuild otherwise gives a class it lowers):
  // errors and stacks name them.
  keepNames: true,
  plugins: [external],
  logLevel: "warning",
});
// Files the bundled code opens beside itself (new URL("./x", import.meta.url)): the GBDT's helper
// threads. The bundle's import.meta.url is dist/run-job.mjs, so they are copied next to it.
for (const file of ["../ml/src/tree/fit-worker.js"]) {
  fs.copyFileSync(path.join(import.meta.dirname, file), path.join(import.meta.dirname, "dist", path.basename(file)));
}
console.log(`built dist/run-job.mjs in ${Math.round(performance.now() - started)} ms`);
