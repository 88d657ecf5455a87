// Bring-your-own training code, end to end on real flights: the built-in XGBoost and scikit-learn
// workflows and a team's own file, each run through the queue and worker, evaluated by Roundhouse,
// imported into its model format and served in-process. The references are XGBoost and
// scikit-learn run directly on the same split (test/workflows/direct.py). Also: a workflow that
// crashes, one that returns garbage, one that runs out of memory, and one cancelled mid-fit.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { literal, loadTrainingMatrix, matrixPart, queryRows, resolveTrainingData, withConnection } from "@roundhouse/data";
import { type Db, decidePromotion, enqueueJob, registerWorkflowVersion, requestCancel, requestPromotion } from "@roundhouse/db";
import { deserializeModel, explainRow, nativeModel, rocAuc } from "@roundhouse/ml";
import type { Serving } from "@roundhouse/serving";
import { readStored } from "@roundhouse/store";
import {
  describeWorkflow,
  helperDir,
  pythonCommand,
  pythonEnv,
  readNpy,
  resolveWorkflowSpec,
  writeMatrixF32,
  writeVectorF64,
} from "@roundhouse/workflows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flightsMonth } from "./flights-fixture.ts";
import { type Platform, startPlatform } from "./platform-fixture.ts";
import type { Person } from "./registry-fixture.ts";

let platform: Platform;
let home: string;
let db: Db;
let engineer: Person;
let approver: Person;
let serving: Serving;
let datasetVersionId: string;
let csv: string;

beforeAll(async () => {
  platform = await startPlatform("workflows", { serving: true });
  ({ home, db, engineer, approver } = platform);
  serving = platform.serving as Serving;
  csv = await flightsMonth(home, 3);
  const { ingestDataset } = await import("@roundhouse/data");
  datasetVersionId = (
    await ingestDataset(db, engineer.ctx, { name: `wf-flights-${Date.now().toString(36)}`, file: csv, originalName: "flights.csv" })
  ).version.id;
});

afterAll(() => platform?.stop());

/** Submits as the API does (the workflow pinned, its parameters checked) and waits for a final status. */
async function train(name: string, train: Record<string, unknown>, resources: Record<string, unknown> = {}, features?: string[]) {
  const spec = await resolveWorkflowSpec(
    db,
    TrainingSpecSchema.parse({
      metadata: { name },
      data: { datasetVersionId, label: "delayed", ...(features ? { features } : {}) },
      train,
      resources,
    }),
  );
  const data = await resolveTrainingData(db, spec);
  const { job } = await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] });
  return { spec, jobId: job.id };
}

async function finished(jobId: string, within = 120_000) {
  const deadline = Date.now() + within;
  for (;;) {
    const row = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId }, include: { runs: { include: { artifacts: true } } } });
    if (["succeeded", "failed", "cancelled"].includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The job's exact split, written as the worker writes it, plus 200 raw rows of the file encoded the same way. */
async function splitOnDisk(spec: TrainingSpec, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const { matrix } = await loadTrainingMatrix(db, spec, { tmpDir: dir });
  const train = matrixPart(matrix, matrix.train);
  const holdout = matrixPart(matrix, matrix.holdout);
  writeMatrixF32(path.join(dir, "train_X.npy"), train.columns, train.rows);
  writeVectorF64(path.join(dir, "train_y.npy"), train.label);
  writeMatrixF32(path.join(dir, "holdout_X.npy"), holdout.columns, holdout.rows);
  const raw = await withConnection((c) =>
    queryRows(c, `SELECT * EXCLUDE (delayed) FROM read_csv(${literal(csv)}, all_varchar=true) LIMIT 200`),
  );
  const encoded = train.features.map((f) =>
    raw.map((r) => (f.kind === "categorical" ? (f.categories ?? []).indexOf(String(r[f.name])) : Number(r[f.name]))),
  );
  writeMatrixF32(path.join(dir, "rows_X.npy"), encoded, raw.length);
  return { holdout, raw };
}

function direct(dir: string, library: "xgboost" | "sklearn" | "torch-mlp", params: Record<string, unknown>) {
  execFileSync(pythonCommand(), [path.join(import.meta.dirname, "workflows", "direct.py"), dir, library, JSON.stringify(params)], {
    env: pythonEnv(1),
  });
  return {
    holdout: readNpy(path.join(dir, "direct_holdout.npy")).values,
    rows: readNpy(path.join(dir, "direct_rows.npy")).values,
    margins: readNpy(path.join(dir, "direct_rows_margin.npy")).values,
  };
}

async function promote(name: string) {
  const request = await requestPromotion(db, engineer.ctx, {
    modelName: name,
    version: 1,
    alias: "production",
    justification: "t",
    comparison: null,
  });
  await decidePromotion(db, approver.ctx, request.id, "approved", "ok");
}

describe.each([
  {
    library: "xgboost" as const,
    train: { workflow: "xgboost", params: { num_boost_round: 60, eta: 0.2, max_depth: 6 } },
    reference: { num_boost_round: 60, eta: 0.2, max_depth: 6, seed: 0 },
  },
  {
    library: "sklearn" as const,
    train: {
      workflow: "sklearn",
      params: { estimator: "sklearn.ensemble.RandomForestClassifier", params: { n_estimators: 30, max_depth: 8 } },
    },
    // The workflow seeds the estimator with the spec's seed (the holdout's, 42) and uses one thread.
    reference: { n_estimators: 30, max_depth: 8, random_state: 42, n_jobs: 1 },
    // scikit-learn 1.2's forests take no missing values, and airports only in the holdout are missing.
    features: ["hour", "weekday", "distance"],
  },
])("the $library workflow", ({ library, train: trainSpec, reference, ...rest }) => {
  const features = "features" in rest ? (rest.features as string[]) : undefined;
  it("matches the library run directly on the same split, and is served with the library's predictions and reasons", async () => {
    const name = `wf-${library}-${Date.now().toString(36)}`;
    const { spec, jobId } = await train(name, trainSpec, {}, features);
    expect(spec.train.workflow).toMatch(new RegExp(`^${library}@\\d+$`));
    const job = await finished(jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe("succeeded");
    const run = job.runs[0];
    expect(run?.workflowVersionId).toBeTruthy();
    expect(run?.artifacts.map((a) => a.kind).sort()).toEqual(["library-model", "model"]);

    const dir = path.join(home, `direct-${library}`);
    const { holdout, raw } = await splitOnDisk(spec, dir);
    const ref = direct(dir, library, { ...reference });
    // Roundhouse evaluated the library's own predictions: the same AUC as the library run directly.
    const metrics = run?.metrics as { auc: number };
    expect(Math.abs(metrics.auc - rocAuc(holdout.label, ref.holdout))).toBeLessThanOrEqual(1e-9);

    await promote(name);
    const answer = await serving.predict({
      modelName: name,
      body: raw.map((r) => (features ? Object.fromEntries(features.map((f) => [f, r[f]])) : r)),
      query: { reasons: "50" },
      caller: "test",
      requestId: `wf-${name}`,
    });
    const model = deserializeModel(
      (await readStored(run?.artifacts.find((a) => a.kind === "model")?.path as string)).toString("utf8"),
    ).model;
    let worst = 0;
    let worstReasons = 0;
    const rowsX = readNpy(path.join(dir, "rows_X.npy"));
    const F = rowsX.shape[1] as number;
    answer.predictions.forEach((p, i) => {
      worst = Math.max(worst, Math.abs((p.probabilities?.Yes as number) - (ref.rows[i] as number)));
      // Reasons plus the base value add up to the library's own raw score for the row.
      const e = explainRow(nativeModel(model, "reasons"), rowsX.values.subarray(i * F, (i + 1) * F));
      const sum = (e.bias[0] as number) + (e.contributions[0] ?? []).reduce((a, b) => a + b, 0);
      worstReasons = Math.max(worstReasons, Math.abs(sum - (ref.margins[i] as number)));
    });
    expect(answer.predictions).toHaveLength(raw.length);
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(worstReasons).toBeLessThanOrEqual(library === "xgboost" ? 1e-5 : 1e-9);
  });
});

describe("the torch-mlp workflow", () => {
  it("trains a PyTorch network that is served through ONNX with PyTorch's own predictions", async () => {
    const name = `wf-torch-${Date.now().toString(36)}`;
    const params = { hidden_units: 16, layers: 2, epochs: 3, batch_size: 128, learning_rate: 0.01, seed: 3 };
    const { spec, jobId } = await train(name, { workflow: "torch-mlp", params });
    const job = await finished(jobId);
    expect(job.error).toBeNull();
    const run = job.runs[0];
    expect(run?.artifacts.map((a) => a.kind).sort()).toEqual(["library-model", "model"]);
    // The model file holds the ONNX graph, with the schema it was trained on.
    const doc = deserializeModel((await readStored(run?.artifacts.find((a) => a.kind === "model")?.path as string)).toString("utf8"));
    expect(doc.model.algorithm).toBe("onnx");
    expect(doc.features.map((f) => f.name)).toContain("origin");

    // The same network trained by PyTorch directly, on the same split and seed, with one thread as the job had.
    const dir = path.join(home, "direct-torch");
    const { holdout, raw } = await splitOnDisk(spec, dir);
    const source = path.join(helperDir(), "roundhouse_workflow", "builtin", "torch_mlp.py");
    const features = doc.features.map(({ name: n, kind, categories }) => ({ name: n, kind, categories }));
    const ref = direct(dir, "torch-mlp", { ...spec.train.params, source, features, threads: 1 });
    const metrics = run?.metrics as { auc: number };
    expect(metrics.auc).toBeGreaterThan(0.55);
    expect(Math.abs(metrics.auc - rocAuc(holdout.label, ref.holdout))).toBeLessThanOrEqual(1e-9);

    await promote(name);
    const answer = await serving.predict({
      modelName: name,
      body: raw,
      query: { reasons: "3" },
      caller: "test",
      requestId: `wf-${name}`,
    });
    expect(answer.predictions).toHaveLength(raw.length);
    let worst = 0;
    answer.predictions.forEach((p, i) => {
      worst = Math.max(worst, Math.abs((p.probabilities?.Yes as number) - (ref.rows[i] as number)));
      expect(p.reasons).toEqual([]);
    });
    // Served probabilities are rounded to 6 decimals; float32 in both PyTorch and onnxruntime.
    expect(worst).toBeLessThanOrEqual(1e-5);
    const logged = await db.decision.count({ where: { requestId: `wf-${name}` } });
    expect(logged).toBe(raw.length);
  });
});

describe("a team's own workflow", () => {
  it("is registered from a file of a few lines with its SHA-256, and trains with its parameters checked", async () => {
    const source = fs.readFileSync(path.join(import.meta.dirname, "workflows", "team_workflow.py"), "utf8");
    expect(source.split("\n").length).toBeLessThan(30);
    const { version, created } = await registerWorkflowVersion(db, engineer.ctx, {
      name: "team-logistic",
      source,
      origin: "api",
      description: await describeWorkflow(source),
    });
    expect(created).toBe(true);
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(train("wf-team-bad", { workflow: "team-logistic", params: { learning_rate: -1 } })).rejects.toThrow(
      /train\.params\.learning_rate/,
    );
    await expect(train("wf-team-bad2", { workflow: "team-logistic", params: { D: 1 } })).rejects.toThrow(/train\.params\.D/);
    const { spec, jobId } = await train(`wf-team-${Date.now().toString(36)}`, {
      workflow: "team-logistic",
      params: { learning_rate: 0.2 },
    });
    expect(spec.train).toMatchObject({ workflow: `team-logistic@${version.version}`, params: { learning_rate: 0.2 } });
    const job = await finished(jobId);
    expect(job.error).toBeNull();
    expect((job.runs[0]?.metrics as { auc: number } | undefined)?.auc).toBeGreaterThan(0.55);
    expect(job.runs[0]?.workflowVersionId).toBe(version.id);
  });
});

describe("a team's scikit-learn Pipeline", () => {
  it.each(["logistic", "forest", "logistic-search"])(
    "imputes and scales before a %s model, and is served with the Pipeline's own predictions, a missing value as it imputes it",
    async (model) => {
      const source = fs.readFileSync(path.join(import.meta.dirname, "workflows", "pipeline_workflow.py"), "utf8");
      await registerWorkflowVersion(db, engineer.ctx, {
        name: "team-pipeline",
        source,
        origin: "api",
        description: await describeWorkflow(source),
      });
      const name = `wf-pipeline-${model}-${Date.now().toString(36)}`;
      const { spec, jobId } = await train(name, { workflow: "team-pipeline", params: { model } });
      const job = await finished(jobId);
      expect(job.error).toBeNull();
      expect(job.status).toBe("succeeded");
      const run = job.runs[0];
      expect(run?.metrics as { auc: number }).toMatchObject({ auc: expect.any(Number) });
      // A grid search is served as the estimator it refit on all the training rows.
      const steps = model === "forest" ? "RandomForestClassifier" : "LogisticRegression";
      const searched = model === "logistic-search" ? " \\(the best of GridSearchCV\\)" : "";
      const logged = (await db.jobLog.findMany({ where: { jobId } })).map((l) => l.message);
      expect(logged).toContainEqual(
        expect.stringMatching(
          new RegExp(`imported the scikit-learn \\S+ Pipeline\\(SimpleImputer → StandardScaler → ${steps}\\)${searched} model`),
        ),
      );

      // Rows of the file with values taken out: the imputer's values must be served for them.
      const raw = await withConnection((c) =>
        queryRows(c, `SELECT * EXCLUDE (delayed) FROM read_csv(${literal(csv)}, all_varchar=true) LIMIT 60`),
      );
      const rows = raw.map((r, i) => ({
        ...r,
        ...(i % 3 === 0 ? { distance: null } : {}),
        ...(i % 4 === 1 ? { hour: null, origin: null } : {}),
      }));
      await promote(name);
      const answer = await serving.predict({ modelName: name, body: rows, query: {}, caller: "test", requestId: `wf-${name}` });

      // The Pipeline itself (the run's library-model file) on the same rows, encoded as the workflow sees them.
      const dir = path.join(home, `pipeline-${model}`);
      fs.mkdirSync(dir, { recursive: true });
      const { matrix } = await loadTrainingMatrix(db, spec, { tmpDir: dir });
      const features = matrixPart(matrix, matrix.train).features;
      const encoded = features.map((f) =>
        rows.map((r) => {
          const v = r[f.name as keyof typeof r];
          if (v === null) return Number.NaN;
          return f.kind === "categorical" ? (f.categories ?? []).indexOf(String(v)) : Number(v);
        }),
      );
      writeMatrixF32(path.join(dir, "rows_X.npy"), encoded, rows.length);
      const pickled = run?.artifacts.find((a) => a.kind === "library-model")?.path as string;
      fs.writeFileSync(path.join(dir, "model.pkl"), await readStored(pickled));
      execFileSync(
        pythonCommand(),
        [
          "-c",
          "import pickle, sys, numpy as np; m = pickle.load(open(sys.argv[1], 'rb')); X = np.load(sys.argv[2]).astype(np.float64); np.save(sys.argv[3], m.predict_proba(X)[:, 1])",
          path.join(dir, "model.pkl"),
          path.join(dir, "rows_X.npy"),
          path.join(dir, "library_rows.npy"),
        ],
        { env: pythonEnv(1) },
      );
      const library = readNpy(path.join(dir, "library_rows.npy")).values;
      expect(answer.predictions).toHaveLength(rows.length);
      const worst = Math.max(...answer.predictions.map((p, i) => Math.abs((p.probabilities?.Yes as number) - (library[i] as number))));
      expect(worst).toBeLessThanOrEqual(1e-6);
    },
  );
});

describe("the sklearn workflow with an estimator that takes no missing values", () => {
  it("imputes them (airports only the holdout has, a served row's missing field) with the training medians, and says so", async () => {
    const name = `wf-sklearn-missing-${Date.now().toString(36)}`;
    const estimator = { estimator: "sklearn.ensemble.RandomForestClassifier", params: { n_estimators: 10, max_depth: 6 } };
    const job = await finished((await train(name, { workflow: "sklearn", params: estimator })).jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe("succeeded");
    const logged = (await db.jobLog.findMany({ where: { jobId: job.id } })).map((l) => l.message);
    expect(logged).toContainEqual(
      expect.stringMatching(/RandomForestClassifier takes no missing values: they are imputed with each feature's training median/),
    );
    expect(logged).toContainEqual(
      expect.stringMatching(/Pipeline\(SimpleImputer → RandomForestClassifier\) model: holdout predictions within/),
    );
    await promote(name);
    const answer = await serving.predict({
      modelName: name,
      body: [{ hour: 18, weekday: 5, distance: null, origin: "not-an-airport", destination: null }],
      query: {},
      caller: "test",
      requestId: `wf-${name}`,
    });
    expect(answer.predictions[0]?.probabilities?.Yes).toBeGreaterThan(0);
  });
});

async function registered(name: string, body: string) {
  const source = `from roundhouse_workflow import workflow\n\n\n@workflow(tasks=["binary"])\ndef train(data, params, report):\n${body}\n`;
  await registerWorkflowVersion(db, engineer.ctx, { name, source, origin: "api", description: await describeWorkflow(source) });
}

const pythonAlive = () => {
  try {
    return execFileSync("pgrep", ["-f", "roundhouse_workflow run"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
};

describe("registering a workflow", () => {
  // Registration runs on the web host, beside the platform's secrets: the file is read, not run.
  it("reads the file without running any of its code", async () => {
    const marker = path.join(home, "ran-at-registration");
    const source = [
      "import os",
      "import not_installed_here_xyz",
      "from roundhouse_workflow import workflow",
      `open(${JSON.stringify(marker)}, "w").write(os.environ.get("DATABASE_URL", "?"))`,
      "P = lambda t, d, **kw: {'type': t, 'default': d, **kw}",
      "@workflow(tasks=['binary'], params={'depth': P('integer', 3, minimum=1)})",
      "def train(data, params, report):",
      "    return None",
    ].join("\n");
    const described = await describeWorkflow(source);
    expect(fs.existsSync(marker)).toBe(false);
    expect(described.params).toMatchObject({ properties: { depth: { type: "integer", default: 3, minimum: 1 } } });
    // A top-level import this machine lacks shows the workflow as unavailable, naming it.
    expect(described.missing).toEqual(["not_installed_here_xyz"]);
  });

  it("refuses @workflow arguments that could only be known by running code, naming the line", async () => {
    const source = [
      "import os",
      "from roundhouse_workflow import workflow",
      "@workflow(params={'x': {'type': 'string', 'default': os.environ['DATABASE_URL']}})",
      "def train(data, params, report):",
      "    return None",
    ].join("\n");
    const error = await describeWorkflow(source).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/workflow\.py:3: .*plain data.*os\.environ\['DATABASE_URL'\]/);
  });
});

describe("a workflow that goes wrong", () => {
  it("fails with its own error and traceback when it crashes, and leaves no process behind", async () => {
    await registered("crashes", '    raise RuntimeError("the feature store is down")');
    const job = await finished((await train("wf-crash", { workflow: "crashes" })).jobId);
    expect(job.status).toBe("failed");
    const error = job.error as { message: string; logTail: string[] };
    expect(error.message).toMatch(/RuntimeError: the feature store is down/);
    expect(error.logTail.join("\n")).toMatch(/Traceback/);
    expect(pythonAlive()).toBe("");
  });

  it("runs without the platform's secrets in its environment", async () => {
    await registered("snoops", '    import os\n    raise RuntimeError("saw " + " ".join(sorted(os.environ)))');
    const job = await finished((await train("wf-snoops", { workflow: "snoops" })).jobId);
    const message = (job.error as { message: string }).message;
    expect(message).toMatch(/saw .*PYTHONPATH/);
    expect(message).not.toMatch(/DATABASE_URL|ROUNDHOUSE_/);
  });

  it("fails clearly when it returns something that is not a model", async () => {
    await registered("garbage", '    print("not json {")\n    return "a string"');
    const job = await finished((await train("wf-garbage", { workflow: "garbage" })).jobId);
    expect(job.status).toBe("failed");
    expect((job.error as { message: string }).message).toMatch(/returned a builtins\.str/);
  });

  it("is stopped at the job's memory limit, counted with its Python process", async () => {
    await registered("hungry", "    import numpy as np, time\n    blocks = [np.ones(32_000_000) for _ in range(40)]\n    time.sleep(30)");
    const job = await finished((await train("wf-hungry", { workflow: "hungry" }, { memoryMb: 768 })).jobId);
    expect(job.status).toBe("failed");
    expect((job.error as { message: string }).message).toMatch(/ran out of memory/);
    await new Promise((r) => setTimeout(r, 500));
    expect(pythonAlive()).toBe("");
  });

  it("is cancelled mid-fit, and its Python process goes with it", async () => {
    await registered(
      "slow",
      "    import time\n    for i in range(600):\n        report(iteration=i + 1, total=600)\n        time.sleep(0.1)",
    );
    const { jobId } = await train("wf-slow", { workflow: "slow" });
    for (let i = 0; i < 200 && !pythonAlive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(pythonAlive()).not.toBe("");
    await requestCancel(db, engineer.ctx, jobId);
    const job = await finished(jobId, 30_000);
    expect(job.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 500));
    expect(pythonAlive()).toBe("");
  });
});
