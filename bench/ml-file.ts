// `pnpm bench:ml --train <file> --label <column> [--test <file>] [--task …] [--features a,b | --exclude c]`: the engine against
// XGBoost and scikit-learn (logistic regression for a class label, Ridge for a number) on a dataset of yours, read
// as `roundhouse fit` reads it (CSV or Parquet, every other column a feature, a 20% random holdout
// unless --test is given), on the identical split in the same run.
import { loadForFit } from "@roundhouse/cli";
import { matrixPart, taskOf } from "@roundhouse/data";
import { type Dataset, measurePredictLatency, prepareFitThreads, type Task, takesHelpers } from "@roundhouse/ml";
import { gbdtParams, jobFit, linearRow, logisticRow, ours, reference, row, writeArrays } from "./ml-compare.ts";

const TASKS = ["binary", "multiclass", "regression"] as const;

interface FileOptions {
  train: string;
  test?: string;
  label?: string;
  task?: string;
  /** Comma-separated, as `roundhouse fit` takes them. */
  features?: string;
  exclude?: string;
}

export async function benchFile(dir: string, opts: FileOptions) {
  if (!opts.label) throw new Error("--train needs --label <column>: the column to predict.");
  if (opts.task !== undefined && !(TASKS as readonly string[]).includes(opts.task))
    throw new Error(`--task must be one of ${TASKS.join(", ")}; got "${opts.task}".`);
  const asked = opts.task as Task | undefined;
  prepareFitThreads(2);
  const labelKind = asked ? (asked === "regression" ? "numeric" : "categorical") : undefined;
  const list = (v?: string) => v?.split(",").map((name) => name.trim());
  const { matrix, warnings } = await loadForFit({
    ...{ train: opts.train, test: opts.test, holdout: 0.2, seed: 42, label: opts.label, labelKind },
    ...{ features: list(opts.features), exclude: list(opts.exclude) },
  });
  // Columns left out on their own (IDs, constants), as `roundhouse fit` says them.
  for (const warning of warnings) console.log(`note: ${warning}`);
  const task = taskOf(matrix, asked);
  const classes = matrix.label.classes?.length ?? 0;
  const train: Dataset = matrixPart(matrix, matrix.train);
  const test: Dataset = matrixPart(matrix, matrix.holdout);
  const kinds = new Map<string, number>();
  for (const f of train.features) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  console.log(
    `— ${opts.train}: ${task}${task === "multiclass" ? ` (${classes} classes)` : ""}, ${train.rows.toLocaleString("en-US")} train rows, ${test.rows.toLocaleString("en-US")} test rows, ${train.features.length} features (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})`,
  );
  // XGBoost sees every feature as a number: categories as their codes, missing values as NaN.
  const folder = writeArrays(dir, "yours", train, test, Math.max(classes, 2));
  const what = task === "binary" ? "xgboost" : `xgboost-${task}`;
  const metric = task === "binary" ? "auc" : task === "regression" ? "rmse" : "accuracy";
  const xgboost = [reference(folder, what, 1), reference(folder, what, 2)] as const;
  const one = ours("gbdt", train, test, gbdtParams, task, classes);
  row("GBDT 200×d6, 1t, first fit", one, xgboost[0], "XGBoost hist 1t", "≤ 1.2×", metric);
  const two = ours("gbdt", train, test, { ...gbdtParams, threads: 2 }, task, classes);
  row("GBDT 200×d6, 2 threads", two, xgboost[1], "XGBoost hist 2t", "faster than 1 thread", metric);
  const same = JSON.stringify(two.model) === JSON.stringify(one.model);
  console.log(
    `${
      takesHelpers(train, gbdtParams.maxBins)
        ? `2 threads ${(one.fitSeconds / two.fitSeconds).toFixed(2)}× as fast as 1`
        : // Both fits ran on one thread: their ratio is the JIT's warm-up and the machine's noise.
          `threads: 2 asked, 1 used (under 10,000 rows, or under 1M row×features and under 700 row×features per histogram bin; the second fit took ${(two.fitSeconds / one.fitSeconds).toFixed(2)}× the first's time)`
    }; same model as 1 thread: ${same ? "yes" : "NO (a bug)"}`,
  );
  // The fits above are this process's first: they also pay for V8 compiling the engine. A training
  // job's fit is made in a child that ran the warm-up while it waited for its job (the worker's
  // default, ROUNDHOUSE_WARM_UP): the same fit as a job makes it, in a process of its own.
  for (const threads of [1, 2])
    row(
      `a job's fit, ${threads}t (warmed)`,
      jobFit(folder, threads, "warm", task),
      xgboost[threads - 1] ?? null,
      `XGBoost hist ${threads}t`,
      threads === 1 ? "≤ 1.2×" : "faster than XGBoost",
      metric,
    );
  const { rowMicros, batch1000Millis } = measurePredictLatency(one.model, test, 20);
  console.log(`predict: ${rowMicros} µs per row (median, one-row predictor), ${batch1000Millis} ms per 1,000 rows (predictAll)`);
  if (task !== "regression") logisticRow(folder, train, test, Math.max(classes, 2));
  else linearRow(folder, train, test);
}
