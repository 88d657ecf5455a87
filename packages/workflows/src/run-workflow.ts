// Runs a workflow on a job's data: writes the job folder (float32 matrices, labels, the schema, the
// workflow's source), starts `python3 -m roundhouse_workflow run`, relays what it says (progress,
// per-iteration points, log lines) and returns its holdout predictions and model description. The
// Python process dies with its parent (PR_SET_PDEATHSIG), so a cancelled or killed training
// process leaves none behind; the supervisor counts its memory with the parent's.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { readNpy, writeMatrixF32, writeVectorF64 } from "./npy.ts";
import { pythonCommand, pythonEnv } from "./python.ts";

interface Part {
  rows: number;
  columns: ArrayLike<number>[];
  label: ArrayLike<number>;
}

export interface WorkflowJob {
  source: string;
  jobDir: string;
  task: "binary" | "multiclass" | "regression";
  classes: string[] | null;
  features: { name: string; kind: string; categories?: string[] }[];
  params: Record<string, unknown>;
  seed: number;
  threads: number;
  train: Part;
  valid?: Part;
  holdout: Part;
}

export interface WorkflowListener {
  progress(fraction: number, message: string): void;
  points(points: { name: string; iteration: number; value: number }[]): void;
  log(line: string): void;
}

export interface WorkflowResult {
  /** probs[i * K + k] for multiclass; one value per row otherwise. */
  predictions: Float64Array;
  /** The model as the helper described it, for importModel. */
  model: unknown;
  /** The library's own model file in the job folder. */
  originalFile: string;
  library: string;
  fitSeconds: number;
}

/** A failure of the workflow's code, said in one line (its traceback is in the log). */
export class WorkflowFailure extends Error {
  override name = "WorkflowFailure";
}

export async function runWorkflow(job: WorkflowJob, on: WorkflowListener): Promise<WorkflowResult> {
  const dir = job.jobDir;
  writeMatrixF32(path.join(dir, "train_X.npy"), job.train.columns, job.train.rows);
  writeVectorF64(path.join(dir, "train_y.npy"), job.train.label);
  if (job.valid) {
    writeMatrixF32(path.join(dir, "valid_X.npy"), job.valid.columns, job.valid.rows);
    writeVectorF64(path.join(dir, "valid_y.npy"), job.valid.label);
  }
  // The holdout's labels stay with the platform: it evaluates the predictions itself.
  writeMatrixF32(path.join(dir, "holdout_X.npy"), job.holdout.columns, job.holdout.rows);
  const { source: _source, train: _t, valid: _v, holdout: _h, jobDir: _d, ...described } = job;
  fs.writeFileSync(path.join(dir, "job.json"), JSON.stringify(described));
  fs.writeFileSync(path.join(dir, "workflow.py"), job.source);

  const child = spawn(pythonCommand(), ["-m", "roundhouse_workflow", "run", path.join(dir, "workflow.py"), dir], {
    env: pythonEnv(job.threads),
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let result: { predictions: string; model: string; original: string; library: string; fitSeconds: number } | null = null;
  let failure: string | null = null;
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    let said: Record<string, unknown>;
    try {
      said = JSON.parse(line);
    } catch {
      return on.log(line);
    }
    if (said.kind === "progress") on.progress(Number(said.fraction) || 0, String(said.message ?? ""));
    else if (said.kind === "points" && Array.isArray(said.points)) on.points(said.points as never);
    else if (said.kind === "log") on.log(String(said.message));
    else if (said.kind === "failure") failure = String(said.message);
    else if (said.kind === "result") result = said as never;
    else on.log(line);
  });
  readline.createInterface({ input: child.stderr }).on("line", (line) => on.log(line));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on("error", (err) =>
      reject(
        new WorkflowFailure(
          (err as NodeJS.ErrnoException).code === "ENOENT"
            ? `Python is not installed here (${pythonCommand()}): apt-get install python3, or set ROUNDHOUSE_PYTHON`
            : `could not start Python: ${err.message}`,
        ),
      ),
    );
    child.on("close", (c, s) => resolve([c, s]));
  });
  if (failure) throw new WorkflowFailure(`The workflow failed: ${failure}`);
  if (code !== 0) throw new WorkflowFailure(`The workflow's Python process ended with ${signal ?? `exit code ${code}`} and no result`);
  const done = result as { predictions: string; model: string; original: string; library: string; fitSeconds: number } | null;
  if (!done) throw new WorkflowFailure("The workflow ended without a result (it printed no result line)");
  const { shape, values } = readNpy(path.join(dir, path.basename(done.predictions)));
  const K = job.task === "multiclass" ? (job.classes?.length ?? 0) : 1;
  const expected = job.task === "multiclass" ? [job.holdout.rows, K] : [job.holdout.rows];
  if (shape.join() !== expected.join())
    throw new WorkflowFailure(`The workflow's holdout predictions have shape (${shape.join(", ")}); expected (${expected.join(", ")})`);
  for (const v of values) {
    if (!Number.isFinite(v) || (job.task !== "regression" && (v < 0 || v > 1)))
      throw new WorkflowFailure(
        `The workflow's holdout predictions include ${v}: ${job.task === "regression" ? "not a number" : "not a probability"}`,
      );
  }
  return {
    predictions: values,
    model: JSON.parse(fs.readFileSync(path.join(dir, path.basename(done.model)), "utf8")),
    originalFile: path.join(dir, path.basename(done.original)),
    library: String(done.library),
    fitSeconds: Number(done.fitSeconds),
  };
}
