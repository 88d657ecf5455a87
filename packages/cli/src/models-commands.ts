// `roundhouse models predict`: one row (--row JSON) or a batch (--file rows.json, a JSON array or
// JSON Lines) through POST /api/v1/models/{name}/predict, each answer logged as a decision.
import fs from "node:fs";
import type { PredictResponse } from "@roundhouse/contracts";
import { call } from "./api-client.ts";

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
