// The model registry from a terminal, as on the Models and Approvals pages: `roundhouse models list`
// and `models get <name>` (versions, metrics, aliases and the data each learned from), and four-eyes
// promotion: `models promote <name> <version>` asks, and someone else answers with `promotions
// approve|reject <id>` (the server refuses the requester's own answer, as the page does).
import { inReadingOrder, type ModelDetail, type ModelSummary, metricLabel, type PromotionDto } from "@roundhouse/contracts";
import { call } from "./api-client.ts";
import { print } from "./jobs-commands.ts";

const metricText = (metrics: Record<string, number> | null) =>
  metrics
    ? inReadingOrder(Object.keys(metrics))
        .slice(0, 3)
        .map((m) => `${metricLabel(m)} ${(metrics[m] as number).toFixed(4)}`)
        .join(", ")
    : "";
const aliasText = (aliases: Record<string, number>) =>
  Object.entries(aliases)
    .map(([alias, version]) => `${alias}=v${version}`)
    .join(" ");

export async function listModels(o: { json: boolean }) {
  const { items } = await call<{ items: ModelSummary[] }>("GET", "/api/v1/models");
  print(o.json, items, () =>
    items.length === 0
      ? "No registered models yet: a training job that succeeds registers one (roundhouse jobs submit)."
      : items
          .map(
            (m) =>
              `${m.name.padEnd(28)} ${(m.task ?? "").padEnd(10)} v${m.latestVersion ?? 0}  ${aliasText(m.aliases).padEnd(24)} ${metricText(m.latestMetrics)}` +
              (m.pendingRequests ? `  (${m.pendingRequests} promotion request(s) pending)` : ""),
          )
          .join("\n"),
  );
}

export async function getModel(name: string, o: { json: boolean }) {
  const m = await call<ModelDetail>("GET", `/api/v1/models/${encodeURIComponent(name)}`);
  print(o.json, m, () =>
    [
      `${m.name} (owned by ${m.owner})${m.description ? `: ${m.description}` : ""}`,
      `aliases: ${m.aliases.map((a) => `${a.alias}=v${a.version} since ${a.since}`).join(", ") || "none"}`,
      ...m.versions.map(
        (v) =>
          `v${String(v.version).padEnd(4)} ${v.algorithm.padEnd(20)} ${metricText(v.metrics).padEnd(52)} ` +
          `on ${v.datasets.map((d) => `${d.name} v${d.version}`).join(", ")}  job ${v.jobId}${v.aliases.length ? `  [${v.aliases.join(", ")}]` : ""}`,
      ),
    ].join("\n"),
  );
}

export async function requestPromotion(name: string, version: string, o: { alias: string; justification: string; json: boolean }) {
  if (!/^[1-9]\d*$/.test(version)) throw new Error(`The version is a number like 3, not ${JSON.stringify(version)}.`);
  const p = await call<PromotionDto>("POST", `/api/v1/models/${encodeURIComponent(name)}/promotions`, {
    version: Number(version),
    alias: o.alias,
    justification: o.justification,
  });
  print(
    o.json,
    p,
    () =>
      `Asked for ${p.model} v${p.version} → ${p.alias}: request ${p.id}, pending. Someone else approves it ` +
      `(roundhouse promotions approve ${p.id}, or the dashboard's Approvals page).`,
  );
}

/** `status`: pending, approved, rejected, withdrawn or all (the server says so when it is none of them). */
export async function listPromotions(o: { status: string; model?: string; json: boolean }) {
  const query = new URLSearchParams({ status: o.status, ...(o.model ? { model: o.model } : {}) });
  const { items } = await call<{ items: PromotionDto[] }>("GET", `/api/v1/promotions?${query}`);
  print(o.json, items, () =>
    items.length === 0
      ? `No ${o.status === "all" ? "" : `${o.status} `}promotion requests.`
      : items
          .map(
            (p) =>
              `${p.id}  ${p.status.padEnd(9)} ${p.model} v${p.version} → ${p.alias}  by ${p.requester}: "${p.justification}"` +
              (p.decision ? `  (${p.decision.decision} by ${p.decision.by}${p.decision.comment ? `: "${p.decision.comment}"` : ""})` : ""),
          )
          .join("\n"),
  );
}

export async function decidePromotion(id: string, decision: "approved" | "rejected", o: { comment?: string; json: boolean }) {
  const p = await call<PromotionDto>("POST", `/api/v1/promotions/${encodeURIComponent(id)}/decision`, {
    decision,
    comment: o.comment ?? "",
  });
  print(
    o.json,
    p,
    () =>
      `${decision === "approved" ? `Approved: ${p.alias} is now ${p.model} v${p.version}` : `Rejected: ${p.model} v${p.version} stays off ${p.alias}`}.`,
  );
}
