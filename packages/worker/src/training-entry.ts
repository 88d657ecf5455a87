// Which program a training child runs: the compiled dist/run-job.mjs (`pnpm build`) when it is
// newer than every source it was built from, else run-job.ts through tsx, which compiles on
// every start (about 1 s more per job). Decided once per worker process.
import fs from "node:fs";
import path from "node:path";

const workerDir = path.resolve(import.meta.dirname, "..");
const compiled = path.join(workerDir, "dist", "run-job.mjs");
// The packages bundled into the compiled entry (build.ts bundles every @roundhouse/* it imports).
const SOURCES = ["contracts", "data", "db", "ml", "retraining", "serving", "store", "worker", "workflows"].map((p) =>
  path.join(workerDir, "..", p, "src"),
);

function newestSource(): number {
  let newest = 0;
  for (const dir of SOURCES) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(tsx?|js)$/.test(entry.name) && !entry.name.includes(".test.")) {
        newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

let chosen: { args: string[]; note: string } | undefined;

/** Node's arguments before the memory flag and after it: [loader args, script]. */
export function trainingEntry(): { args: string[]; note: string } {
  if (chosen) return chosen;
  const built = fs.statSync(compiled, { throwIfNoEntry: false });
  if (process.env.ROUNDHOUSE_TRAINING_ENTRY !== "source" && built && built.mtimeMs >= newestSource()) {
    chosen = { args: ["--enable-source-maps", compiled], note: "training children run the compiled dist/run-job.mjs" };
  } else {
    chosen = {
      args: ["--import", "tsx", path.join(workerDir, "src", "run-job.ts")],
      note: built
        ? "dist/run-job.mjs is older than the sources, so training children compile run-job.ts with tsx (run pnpm build)"
        : "training children compile run-job.ts with tsx (pnpm build makes them start about 1 s faster)",
    };
  }
  return chosen;
}
