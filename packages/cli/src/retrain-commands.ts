// `roundhouse retrain <model>`: run the model's retraining policy now, for schedulers that live
// elsewhere (cron, Airflow). With --wait it follows the run to its outcome, and the exit code says
// what came of it, so a pipeline can branch on it without parsing text.
import type { RetrainingOutcome, RetrainingRunDto } from "@roundhouse/contracts";
import { call } from "./api-client.ts";

/** The exit code of each final outcome (README: "Keeping models current"). */
export const RETRAIN_EXIT_CODES: Record<Exclude<RetrainingOutcome, "running" | "evaluating">, number> = {
  promoted: 0,
  proposed: 3,
  not_better: 4,
  failed: 5,
};

export async function retrain(model: string, o: { wait: boolean; timeout: number; json: boolean }) {
  let run = await call<RetrainingRunDto>("POST", `/api/v1/models/${encodeURIComponent(model)}/retraining/runs`);
  if (!o.wait) {
    console.log(o.json ? JSON.stringify(run) : `started retraining run ${run.id} of ${model} (job ${run.jobId ?? "not submitted"})`);
    return;
  }
  const deadline = Date.now() + o.timeout * 1000;
  let said = "";
  while (run.outcome === "running" || run.outcome === "evaluating") {
    if (Date.now() > deadline)
      throw new Error(`Still ${run.outcome} after ${o.timeout} s; follow it with: roundhouse retrain status ${run.id}`);
    const line =
      run.outcome === "evaluating"
        ? "comparing with the alias's holder on the same holdout rows"
        : `training (job ${run.jobStatus ?? "submitting"})`;
    if (!o.json && line !== said) console.error(`${model}: ${line}`);
    said = line;
    await new Promise((r) => setTimeout(r, 1000));
    run = await call<RetrainingRunDto>("GET", `/api/v1/retraining-runs/${run.id}`);
  }
  console.log(o.json ? JSON.stringify(run) : describe(run));
  process.exitCode = RETRAIN_EXIT_CODES[run.outcome as keyof typeof RETRAIN_EXIT_CODES];
}

export async function retrainStatus(id: string, o: { json: boolean }) {
  const run = await call<RetrainingRunDto>("GET", `/api/v1/retraining-runs/${id}`);
  console.log(o.json ? JSON.stringify(run) : describe(run));
  if (run.outcome in RETRAIN_EXIT_CODES) process.exitCode = RETRAIN_EXIT_CODES[run.outcome as keyof typeof RETRAIN_EXIT_CODES];
}

function describe(run: RetrainingRunDto): string {
  const data = run.datasetVersions.map((d) => `${d.datasetName} v${d.version}`).join(", ");
  const head = `${run.outcome.replace("_", " ")}: ${run.model}${run.modelVersion ? ` version ${run.modelVersion}` : ""}${data ? ` on ${data}` : ""}`;
  const request = run.promotionRequestId ? `\npromotion request ${run.promotionRequestId}` : "";
  return `${head}\n${run.reason}${request}`;
}
