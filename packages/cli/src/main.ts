import { JOB_STATUSES } from "@roundhouse/contracts";
import { InvalidParams } from "@roundhouse/ml";
import { Command, InvalidArgumentError, Option } from "commander";
import { ApiFailure } from "./api-client.ts";
import { auditExport, auditVerify } from "./audit-commands.ts";
import { fileProblem } from "./file-problems.ts";
import { fit } from "./fit.ts";
import * as remote from "./jobs-commands.ts";
import { exportModel, predict, score } from "./models-commands.ts";
import { recordOutcomes } from "./outcomes-commands.ts";
import { decidePromotion, getModel, listModels, listPromotions, requestPromotion } from "./registry-commands.ts";
import { retrain, retrainStatus } from "./retrain-commands.ts";
import { serve } from "./serve.ts";
import { worker } from "./worker-command.ts";
import { listWorkflows, registerWorkflow } from "./workflows-commands.ts";

const program = new Command("roundhouse").description("Roundhouse: train, evaluate and ship models.");

const number = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
  return n;
};
const columnList = (v: string) => {
  const names = v.split(",").map((name) => name.trim());
  if (names.some((name) => name === ""))
    throw new InvalidArgumentError(`expected column names separated by commas, e.g. "age,plan"; got "${v}".`);
  return names;
};
const json = (v: string) => {
  try {
    const parsed = JSON.parse(v);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
    return parsed as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError(`--params must be a JSON object, e.g. '{"numTrees": 200, "maxDepth": 6}'.`);
  }
};

program
  .command("fit")
  .description("Train and evaluate a model on local CSV or Parquet files, without a server.")
  .requiredOption("--train <file>", "training data (CSV or Parquet)")
  .option("--test <file>", "test data; otherwise a random holdout of --train")
  .option("--holdout <fraction>", "holdout fraction when there is no --test", number("--holdout", 0.01, 0.99), 0.2)
  .option("--seed <n>", "seed for the holdout split", number("--seed", 0, 2 ** 31), 42)
  .requiredOption("--label <column>", "the column to predict (0/1, true/false, strings or numbers)")
  .addOption(
    new Option("--features <columns>", "comma-separated columns to learn from (default: every other column)").argParser(columnList),
  )
  .addOption(
    new Option("--exclude <columns>", "comma-separated columns to leave out (an id, a column that gives the label away)")
      .argParser(columnList)
      .conflicts("features"),
  )
  .addOption(
    new Option("--task <task>", "what kind of prediction (inferred from the label when omitted)").choices([
      "binary",
      "multiclass",
      "regression",
    ]),
  )
  .addOption(
    new Option("--algorithm <name>", "learning algorithm")
      .choices(["gbdt", "random_forest", "logistic_regression", "linear_regression"])
      .default("gbdt"),
  )
  .option("--params <json>", "algorithm parameters as JSON", json, {})
  .option("--threads <n>", "threads for training", number("--threads", 1, 64))
  .option("--out <file>", "write the model file here")
  .option("--json", "print one JSON object instead of a report", false)
  .action(async (o) => {
    await fit({ ...o, train: o.train, label: o.label });
  });

const jobs = program.command("jobs").description("Training jobs on a Roundhouse server (ROUNDHOUSE_URL, ROUNDHOUSE_TOKEN).");
jobs
  .command("submit <spec>")
  .description("Submit a TrainingSpec JSON file")
  .option("--watch", "follow the job with a progress bar; exit 0 only if it succeeds", false)
  .option("--idempotency-key <key>", "submitting again with the same key returns the same job")
  .option("--json", "print JSON", false)
  .action((spec, o) => remote.submit(spec, o));
jobs
  .command("list")
  .description("Recent jobs")
  .addOption(new Option("--status <status>").choices(JOB_STATUSES))
  .option("--project <project>")
  .option("--json", "print JSON", false)
  .action((o) => remote.list(o));
jobs
  .command("get <id>")
  .description("A job's status, step timings and metrics")
  .option("--json", "print JSON", false)
  .action((id, o) => remote.get(id, o));
jobs
  .command("logs <id>")
  .description("A job's log")
  .option("-f, --follow", "keep printing until the job ends", false)
  .action((id, o) => remote.logs(id, o));
jobs
  .command("cancel <id>")
  .description("Cancel a job")
  .option("--json", "print JSON", false)
  .action((id, o) => remote.cancel(id, o));

const datasets = program.command("datasets").description("Datasets on a Roundhouse server.");
// How a file is read, the same for a new dataset, a new version and appended rows.
const READ_OPTIONS = {
  delimiter: "CSV delimiter (guessed from the header when omitted; \\t for tab)",
  decimal: "decimal mark of numbers, . or , (default: a comma only where a ; or tab file's column is written with one)",
  encoding: "text encoding: utf-8, utf-16 or windows-1252 (Excel's CSV in Western Europe; default: UTF-8, or UTF-16 by its mark)",
  dateFormat:
    'how the file writes its dates (strftime), e.g. "%m/%d/%Y" to read 03/04/2024 as March 4 (default: guessed, with a warning when either reading fits)',
  nullValues:
    "comma-separated values read as missing (default: empty, NA, N/A, n/a, #N/A, NULL, null, NaN, nan, <NA>, ?, and a spreadsheet's formula errors such as #DIV/0!)",
};
datasets
  .command("list")
  .description("Every dataset: its latest version, rows, size and id")
  .option("--json", "print JSON", false)
  .action((o) => remote.datasetsList(o));
datasets
  .command("upload <file>")
  .description("Upload a CSV, Parquet or JSON Lines file as a new dataset (--name) or a new version (--dataset-id)")
  .option("--name <name>")
  .option("--dataset-id <id>")
  .option("--description <text>")
  .option("--delimiter <char>", READ_OPTIONS.delimiter)
  .option("--decimal <mark>", READ_OPTIONS.decimal)
  .option("--encoding <name>", READ_OPTIONS.encoding)
  .option("--no-header", "the CSV has no header row")
  .option("--null-values <list>", READ_OPTIONS.nullValues)
  .option("--date-format <format>", READ_OPTIONS.dateFormat)
  .option("--types <json>", 'force column types, e.g. \'{"zip":"string","total":"float"}\'')
  .option("--append", "add the file's rows to the latest version (same columns) instead of replacing it", false)
  .option("--json", "print JSON", false)
  .action((file, o) => remote.datasetsUpload(file, o));
datasets
  .command("append <dataset> <file>")
  .description("Add a file's rows to a dataset (id or name) as its next version: the latest version's rows plus these, same columns")
  .option("--delimiter <char>", READ_OPTIONS.delimiter)
  .option("--decimal <mark>", READ_OPTIONS.decimal)
  .option("--encoding <name>", READ_OPTIONS.encoding)
  .option("--no-header", "the CSV has no header row")
  .option("--null-values <list>", READ_OPTIONS.nullValues)
  .option("--date-format <format>", READ_OPTIONS.dateFormat)
  .option("--json", "print JSON", false)
  .action((dataset, file, o) => remote.datasetsUpload(file, { ...o, datasetId: dataset, append: true }));
datasets
  .command("refresh <dataset>")
  .description("Run a derived dataset's definition (id or name) on the latest version of each parent, as its next version")
  .option("--json", "print JSON", false)
  .action((dataset, o) => remote.datasetsRefresh(dataset, o));

const models = program.command("models").description("Registered models on a Roundhouse server.");
models
  .command("list")
  .description("Every registered model: task, latest version, aliases and its headline metrics")
  .option("--json", "print the API's JSON answer", false)
  .action((o) => listModels(o));
models
  .command("get <name>")
  .description("A model's versions with their metrics, aliases and the dataset versions each learned from")
  .option("--json", "print the API's JSON answer", false)
  .action((name, o) => getModel(name, o));
models
  .command("promote <name> <version>")
  .description("Ask for a version to take an alias; someone else approves it (roundhouse promotions approve)")
  .option("--alias <alias>", "the alias to move", "production")
  .requiredOption("--justification <text>", "why this version (10 characters or more): the approver reads it")
  .option("--json", "print the API's JSON answer", false)
  .action((name, version, o) => requestPromotion(name, version, o));

const promotions = program.command("promotions").description("Four-eyes promotion requests: list them, approve or reject someone else's.");
promotions
  .command("list")
  .description("Promotion requests, the pending ones unless --status says otherwise")
  .option("--status <status>", "pending, approved, rejected, withdrawn or all", "pending")
  .option("--model <name>", "only this model's")
  .option("--json", "print the API's JSON answer", false)
  .action((o) => listPromotions(o));
promotions
  .command("approve <id>")
  .description("Approve someone else's request: the alias moves to the version at once")
  .option("--comment <text>", "a word for the record")
  .option("--json", "print the API's JSON answer", false)
  .action((id, o) => decidePromotion(id, "approved", o));
promotions
  .command("reject <id>")
  .description("Reject a request, saying why")
  .requiredOption("--comment <text>", "why not: the requester reads it")
  .option("--json", "print the API's JSON answer", false)
  .action((id, o) => decidePromotion(id, "rejected", o));
models
  .command("predict <name>")
  .description("Score one row (--row JSON) or a batch (--file: a JSON array or JSON Lines); each answer is logged as a decision")
  .option("--row <json>", 'one row, e.g. \'{"distance": 733, "origin": "ORD"}\'')
  .option("--file <path>", "rows to score (up to 1,000)")
  .option("--alias <alias>", "the version holding this alias (default: production)")
  .option("--version <n>", "an exact version instead of an alias")
  .option("--json", "print the API's JSON answer", false)
  .action((name, o) => predict(name, o));
models
  .command("score <name>")
  .description(
    "score a whole dataset version as a job on the workers: the predictions and probabilities, with the id columns asked for, become a new version of the output dataset",
  )
  .requiredOption("--dataset <name>", "the input dataset")
  .option("--dataset-version <n>", "its version (default: the latest)")
  .option("--alias <alias>", "the model version holding this alias")
  .option("--version <n>", "an exact model version (default, without --alias: the latest)")
  .option("--output <dataset>", "the dataset the scores become a version of (default: <name>-scores)")
  .option("--id <columns>", "comma-separated input columns to copy next to the scores, e.g. customer_id,date")
  .option("--pool <pool>", "the worker pool to run on")
  .option("--idempotency-key <key>", "scoring again with the same key returns the same job")
  .option("--watch", "follow the job with a progress bar; exit 0 only if it succeeds", false)
  .option("--json", "print JSON", false)
  .action((name, o) => score(name, o));
models
  .command("export <name> <version>")
  .description("download a version: as ONNX (checked by the server to predict as the model does) or as its Roundhouse JSON file")
  .option("--format <format>", "onnx or json", "onnx")
  .option("-o, --output <file>", "where to write it (default: <name>-v<version>.<format>)")
  .action((name, version, o) => exportModel(name, version, o));
models
  .command("outcomes <name>")
  .description("record the true values of a model's decisions from an outcome dataset, or from a CSV uploaded first as a new version of it")
  .option("--dataset <name>", "the outcome dataset (default with --file: <name>-outcomes)")
  .option("--version <n>", "a stored version of it (default: the newest)")
  .option("--file <csv>", "upload this file as a new version of the outcome dataset, then read it")
  .requiredOption("--value <column>", "the column with the true values (empty cells are skipped)")
  .option("--key <column>", "a column of join keys, matched to the decisions' input field of the same name")
  .option("--join-key <field>", "the decisions' input field the keys are, when its name differs from --key")
  .option("--decision-id <column>", "a column of decision ids, instead of --key")
  .option("--json", "print the API's JSON answer", false)
  .action((name, o) => recordOutcomes(name, o));

const retraining = program
  .command("retrain")
  .description(
    "Run a model's retraining policy now: train on the latest data, compare with the alias's holder, propose if better. " +
      "With --wait, exit 0 promoted, 3 proposed (awaiting approval), 4 not better, 5 failed.",
  )
  .argument("<model>", "the registered model")
  .option("--wait", "follow the run to its outcome; the exit code says which", false)
  .option("--timeout <seconds>", "give up waiting after this long", number("--timeout", 1, 7 * 24 * 3600), 3600)
  .option("--json", "print the run as JSON", false)
  .action((model, o) => retrain(model, o));
retraining
  .command("status <run-id>")
  .description("A retraining run's outcome and why (exit code as for --wait once it has ended)")
  .option("--json", "print the run as JSON", false)
  .action((id, o) => retrainStatus(id, o));

const workflows = program.command("workflows").description("Training code a team brings (Python): list and register workflows.");
workflows
  .command("list")
  .description("The latest version of every workflow, its tasks, and whether this installation can run it")
  .option("--json", "print the API's JSON answer", false)
  .action((o) => listWorkflows(o));
workflows
  .command("register <file>")
  .description("Register a workflow file (one function marked @workflow) as a new version; the same file again is the same version")
  .option("--name <name>", "the workflow's name (default: the file's name, _ as -)")
  .option("--json", "print the API's JSON answer", false)
  .action((file, o) => registerWorkflow(file, o));

const audit = program.command("audit").description("The audit trail: export it, and verify an export offline.");
audit
  .command("export")
  .description("Sign the chains' heads now, then write every audit event and signed checkpoint as JSON Lines")
  .option("--out <file>", "write here instead of stdout")
  .action((o) => auditExport(o));
audit
  .command("verify <file>")
  .description("Check an export offline: the hash chain, and each checkpoint's Ed25519 signature and place on the chain")
  .requiredOption("--public-key <file>", "the installation's public key (ROUNDHOUSE_HOME/keys/audit-signing.pub.pem)")
  .action((file, o) => auditVerify(file, o));

program
  .command("serve")
  .description("Serve predictions from the registry (POST /api/v1/models/{name}/predict) apart from the dashboard. Needs DATABASE_URL.")
  .option("--port <n>", "port to listen on", number("--port", 0, 65535), 8081)
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .action((o) => serve(o));

program
  .command("worker")
  .description(
    "Run a worker on this host: it claims training jobs from the database (DATABASE_URL) and reads and writes files in the store (ROUNDHOUSE_STORE, AWS_*). No shared disk or web app needed.",
  )
  .option("--slots <n>", "jobs run at once", number("--slots", 1, 64), Number(process.env.ROUNDHOUSE_WORKER_SLOTS ?? 2))
  .option(
    "--pools <names>",
    "comma-separated pools whose jobs it runs (a job's resources.pool)",
    process.env.ROUNDHOUSE_WORKER_POOLS ?? "default",
  )
  .option("--host <name>", "the host name shown on the Jobs and Workers pages", process.env.ROUNDHOUSE_WORKER_HOST)
  .option(
    "--sign-checkpoints",
    "sign audit checkpoints (needs the installation's key: ROUNDHOUSE_AUDIT_KEY)",
    Boolean(process.env.ROUNDHOUSE_AUDIT_KEY),
  )
  .action((o) => worker(o));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const message = err instanceof InvalidParams ? `invalid parameters: ${err.message}` : (fileProblem(err) ?? (err as Error).message);
  process.stderr.write(`roundhouse: ${message}\n`);
  process.exit(err instanceof ApiFailure && err.status >= 500 ? 1 : 2);
}
