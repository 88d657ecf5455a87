// `roundhouse models predict`: one row (--row JSON) or a batch (--file rows.json, a JSON array or
// JSON Lines) through POST /api/v1/models/{name}/predict, each answer logged as a decision.
// `roundhouse models export`: a version's file, as Roundhouse JSON or as ONNX.
// `roundhouse models score`: a whole dataset through a model, as a job on the workers.
import fs from "node:fs";
import type { JobDto, PredictResponse } from "@roundhouse/contracts";
import { call, download } from "./api-client.ts";
import { jobLine, watch } from "./jobs-commands.ts";

function readRows(o: { row?: string; file?: string }): unknown {
  if (o.row && o.file) throw new Error("Give --row or --file, not both.");
  if (!o.row && !o.file) throw new Error("Give a row to score: --row '{\"feature\": value, …}' or --file rows.json");
  const text = o.row ?? fs.readFileSync(o.file as string, "utf8");
  try {
    const trimmed = text.trim();
    return trimmed.startsWith("{") && trimmed.includes("\n{") ? trimmed.split("\n").map((l) => JSON.parse(l)) : JSON.parse(trimmed);
  } catch (err) {
    throw new Error(`${o.row ? "--row" : o.file} is not JSON: ${(err as Error).message}`);
  }
}

export async function predict(name: string, o: { row?: string; file?: string; alias?: string; version?: string; json: boolean }) {
  const query = new URLSearchParams();
  if (o.alias) query.set("alias", o.alias);
  if (o.version) query.set("version", o.version);
  const answer = await call<PredictResponse>(
    "POST",
    `/api/v1/models/${encodeURIComponent(name)}/predict${query.size ? `?${query}` : ""}`,
    readRows(o),
  );
  if (o.json) return console.log(JSON.stringify(answer));
  console.log(`${answer.model.name} v${answer.model.version}${answer.model.alias ? ` (${answer.model.alias})` : ""}`);
  for (const p of answer.predictions) {
    const probability = p.probabilities ? ` p=${Math.max(...Object.values(p.probabilities)).toFixed(4)}` : "";
    const reasons = (p.reasons ?? []).map((r) => `${r.feature} ${r.contribution >= 0 ? "+" : ""}${r.contribution.toFixed(3)}`).join(", ");
    console.log(`${String(p.prediction)}${probability}  decision ${p.decisionId}${reasons ? `  because ${reasons}` : ""}`);
  }
}

export async function exportModel(name: string, version: string, o: { format: string; output?: string }) {
  if (!/^[1-9]\d*$/.test(version)) throw new Error(`The version is a number like 3, not ${JSON.stringify(version)}.`);
  if (o.format !== "onnx" && o.format !== "json") throw new Error(`--format is onnx or json, not ${JSON.stringify(o.format)}.`);
  const bytes = await download(`/api/v1/models/${encodeURIComponent(name)}/versions/${version}/${o.format === "onnx" ? "onnx" : "file"}`);
  const file = o.output ?? `${name}-v${version}.${o.format}`;
  fs.writeFileSync(file, bytes);
  console.log(
    `${name} v${version} → ${file} (${bytes.byteLength.toLocaleString("en-US")} bytes, ${o.format === "onnx" ? "ONNX" : "Roundhouse model JSON"})`,
  );
}

export interface ScoreOptions {
  dataset: string;
  datasetVersion?: string;
  alias?: string;
  version?: string;
  output?: string;
  id?: string;
  pool?: string;
  idempotencyKey?: string;
  watch: boolean;
  json: boolean;
}

/** POST /api/v1/models/{name}/score; with --watch, a progress bar until the scores are stored. */
export async function score(name: string, o: ScoreOptions) {
  const whole = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(v)) throw new Error(`${flag} is a number like 3, not ${JSON.stringify(v)}.`);
    return Number(v);
  };
  const body = {
    dataset: o.dataset,
    datasetVersion:
      o.datasetVersion === undefined || o.datasetVersion === "latest" ? "latest" : whole("--dataset-version", o.datasetVersion),
    version: whole("--version", o.version),
    alias: o.alias,
    output: o.output,
    idColumns: o.id
      ? o.id
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
    ...(o.pool ? { resources: { pool: o.pool } } : {}),
  };
  const headers: Record<string, string> = o.idempotencyKey ? { "idempotency-key": o.idempotencyKey } : {};
  const job = await call<JobDto>("POST", `/api/v1/models/${encodeURIComponent(name)}/score`, body, headers);
  if (!o.watch) {
    if (o.json) return console.log(JSON.stringify(job));
    return console.log(`queued ${job.id} (${job.name}); follow it with: roundhouse jobs get ${job.id}`);
  }
  if (!o.json) console.error(`queued ${job.id} (${job.name})`);
  const final = await watch(job.id, o.json);
  console.log(o.json ? JSON.stringify(final) : jobLine(final));
  if (final.status !== "succeeded") process.exitCode = final.status === "cancelled" ? 3 : 1;
}
