// The part every way of giving outcomes shares: find each outcome's decisions (by decision id, or
// every decision of the model whose input has the key), check the value against the decision's
// model (its classes, or a number for regression), and store them all, or nothing, in one
// transaction with one audit event. Each entry carries the paths its problems are reported under,
// so an API caller reads `outcomes[3].value` and a dataset's owner reads `rows[3].churned`.
import { type FieldProblem, Invalid, isUuid, type OutcomesResult } from "@roundhouse/contracts";
import { audit, type Db, type RequestContext } from "@roundhouse/db";
import { outcomeValue } from "./outcome-value.ts";

export interface OutcomeEntry {
  decisionId?: string;
  key?: string;
  value: string | number | boolean;
  idPath: string;
  valuePath: string;
}

export interface OutcomeSource {
  modelId: string;
  modelName: string;
  joinKey?: string;
  datasetVersionId?: string;
  /** What the audit event says about where the outcomes came from, besides the counts. */
  describe: Record<string, unknown>;
}

interface Target {
  decisionId: string;
  modelVersionId: string;
  at: Date;
  path: string;
  value: string | number | boolean;
}

/** Ids and keys looked up per query: PostgreSQL takes large arrays, but not unbounded ones. */
const LOOKUP_CHUNK = 50_000;

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / LOOKUP_CHUNK) }, (_, i) => items.slice(i * LOOKUP_CHUNK, (i + 1) * LOOKUP_CHUNK));

export async function storeOutcomes(
  db: Db,
  ctx: RequestContext,
  source: OutcomeSource,
  entries: OutcomeEntry[],
  options: { unknownIdIsProblem: boolean },
): Promise<OutcomesResult> {
  const problems: FieldProblem[] = [];
  const targets: Target[] = [];
  let unmatchedKeys = 0;

  const byId = entries.filter((e) => e.decisionId !== undefined);
  for (const e of byId) if (!isUuid(e.decisionId as string)) problems.push({ path: e.idPath, message: "is not a decision id" });
  const ids = byId.filter((e) => isUuid(e.decisionId as string));
  const decisions = new Map<string, { id: string; modelVersionId: string; at: Date; modelName: string }>();
  for (const part of chunks([...new Set(ids.map((e) => (e.decisionId as string).toLowerCase()))])) {
    const found = await db.$queryRaw<{ id: string; modelVersionId: string; at: Date; modelName: string }[]>`
      SELECT id::text, model_version_id::text AS "modelVersionId", at, model_name AS "modelName"
      FROM decisions WHERE id = ANY(${part}::uuid[])`;
    for (const d of found) decisions.set(d.id, d);
  }
  for (const e of ids) {
    const d = decisions.get((e.decisionId as string).toLowerCase());
    if (!d) {
      if (options.unknownIdIsProblem) problems.push({ path: e.idPath, message: "no such decision" });
      else unmatchedKeys++;
    } else if (d.modelName !== source.modelName)
      problems.push({ path: e.idPath, message: `a decision of model "${d.modelName}", not "${source.modelName}"` });
    else targets.push({ decisionId: d.id, modelVersionId: d.modelVersionId, at: d.at, path: e.valuePath, value: e.value });
  }

  const byKey = entries.filter((e) => e.key !== undefined);
  if (byKey.length && source.joinKey) {
    // Every decision of the model whose input carries the key: each was a prediction about it.
    const decisionsOf = new Map<string, { id: string; modelVersionId: string; at: Date }[]>();
    for (const part of chunks([...new Set(byKey.map((e) => e.key as string))])) {
      const found = await db.$queryRaw<{ id: string; modelVersionId: string; at: Date; key: string }[]>`
        SELECT id::text, model_version_id::text AS "modelVersionId", at, input->>${source.joinKey} AS key
        FROM decisions WHERE model_name = ${source.modelName} AND input->>${source.joinKey} = ANY(${part}::text[])`;
      for (const d of found) decisionsOf.set(d.key, [...(decisionsOf.get(d.key) ?? []), d]);
    }
    for (const e of byKey) {
      const ds = decisionsOf.get(e.key as string) ?? [];
      if (!ds.length) unmatchedKeys++;
      for (const d of ds) targets.push({ decisionId: d.id, modelVersionId: d.modelVersionId, at: d.at, path: e.valuePath, value: e.value });
    }
  }

  const versions = await db.modelVersion.findMany({
    where: { id: { in: [...new Set(targets.map((t) => t.modelVersionId))] } },
    select: { id: true, featureSchema: true },
  });
  const schemaOf = new Map(versions.map((v) => [v.id, v.featureSchema as { task: string; classes: string[] | null }]));
  // The last outcome given for a decision wins, as a later correction in the same call would.
  const rows = new Map<string, { decisionId: string; modelVersionId: string; at: Date; value: string | number }>();
  for (const t of targets) {
    const schema = schemaOf.get(t.modelVersionId) as { task: string; classes: string[] | null };
    const v = outcomeValue(t.value, schema.task, schema.classes);
    if ("problem" in v) problems.push({ path: t.path, message: v.problem });
    else rows.set(t.decisionId, { decisionId: t.decisionId, modelVersionId: t.modelVersionId, at: t.at, value: v.value });
  }
  if (problems.length) {
    const unique = [...new Map(problems.map((p) => [p.path, p])).values()];
    throw new Invalid(`${unique.length} outcome(s) could not be recorded; nothing was stored.`, unique.slice(0, 50));
  }

  // Sorted, so two callers writing overlapping outcomes lock the rows in the same order.
  const sorted = [...rows.values()].sort((a, b) => a.decisionId.localeCompare(b.decisionId));
  await db.$transaction(
    async (tx) => {
      for (const part of chunks(sorted)) {
        await tx.$executeRaw`
          INSERT INTO decision_outcomes (decision_id, model_version_id, decided_at, value, recorded_by, dataset_version_id)
          SELECT d.id, d.version, d.at, d.value, ${ctx.actor.label}, ${source.datasetVersionId ?? null}::uuid
          FROM unnest(${part.map((r) => r.decisionId)}::uuid[], ${part.map((r) => r.modelVersionId)}::uuid[],
                      ${part.map((r) => r.at)}::timestamptz[], ${part.map((r) => JSON.stringify(r.value))}::jsonb[]) AS d(id, version, at, value)
          ON CONFLICT (decision_id) DO UPDATE SET value = EXCLUDED.value, recorded_at = now(), recorded_by = EXCLUDED.recorded_by,
            dataset_version_id = EXCLUDED.dataset_version_id`;
      }
      await audit(tx, ctx, {
        action: "outcome.recorded",
        entityType: "model",
        entityId: source.modelId,
        after: { ...source.describe, decisions: sorted.length, byId: byId.length, byKey: byKey.length, unmatchedKeys },
      });
    },
    { timeout: 300_000 },
  );
  return { recorded: sorted.length, unmatchedKeys };
}
