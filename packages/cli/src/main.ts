import { InvalidParams } from "@roundhouse/ml";
import { Command, InvalidArgumentError, Option } from "commander";
import { fit } from "./fit.ts";

const program = new Command("roundhouse").description("Roundhouse: train, evaluate and ship models.");

const number = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
  return n;
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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const message = err instanceof InvalidParams ? `invalid parameters: ${err.message}` : (err as Error).message;
  process.stderr.write(`roundhouse: ${message}\n`);
  process.exit(2);
}
