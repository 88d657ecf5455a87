// Outcomes arrive later than decisions (did the customer churn?). Each is checked against the
// decision's model (its classes, or a number for regression) and stored beside the decision, with
// the decision's time so realised metrics fall in the decision's window. All or nothing: a bad id or
// value refuses the whole call, naming each by path.
import { type FieldProblem, Invalid, NotFound, type OutcomesBody, type OutcomesResult } from "@roundhouse/contracts";
import { audit, type Db, type RequestContext } from "@roundhouse/db";
import { outcomeValue } from "./outcome-value.ts";

interface Target {
  decisionId: string;
  modelVersionId: string;
  at: Date;
  path: string;
  value: string | number | boolean;
}

export async function recordOutcomes(db: Db, ctx: RequestContext, modelName: string, body: OutcomesBody): Promise<OutcomesResult> {
  const model = await db.registeredModel.findUnique({ where: { name: modelName }, select: { id: true } });
  if (!model) throw new NotFound("Model", modelName);
  const problems: FieldProblem[] = [];
  const targets: Target[] = [];

  const byId = body.outcomes.flatMap((o, i) => (o.decisionId ? [{ id: o.decisionId, i, value: o.value }] : []));
  if (byId.length) {
    const found = await db.$queryRaw<{ id: string; modelVersionId: string; at: Date; modelName: string }[]>`
      SELECT id::text, model_version_id::text AS "modelVersionId", at, model_name AS "modelName"
      FROM decisions WHERE id = ANY(${byId.map((o) => o.id)}::uuid[])`;
    const decisions = new Map(found.map((d) => [d.id, d]));
    for (const o of byId) {
      const d = decisions.get(o.id);
      const path = `outcomes[${o.i}].decisionId`;
      if (!d) problems.push({ path, message: "no such decision" });
      else if (d.modelName !== modelName) problems.push({ path, message: `a decision of model "${d.modelName}", not "${modelName}"` });
      else targets.push({ decisionId: d.id, modelVersionId: d.modelVersionId, at: d.at, path: `outcomes[${o.i}].value`, value: o.value });
    }
  }

  const byKey = body.outcomes.flatMap((o, i) => (o.key !== undefined ? [{ key: String(o.key), i, value: o.value }] : []));
  let unmatchedKeys = 0;
  if (byKey.length && body.joinKey) {
    // Every decision of the model whose input carries the key: each was a prediction about it.
    const found = await db.$queryRaw<{ id: string; modelVersionId: string; at: Date; key: string }[]>`
      SELECT id::text, model_version_id::text AS "modelVersionId", at, input->>${body.joinKey} AS key
      FROM decisions WHERE model_name = ${modelName} AND input->>${body.joinKey} = ANY(${byKey.map((o) => o.key)}::text[])`;
    const decisionsOf = new Map<string, typeof found>();
    for (const d of found) decisionsOf.set(d.key, [...(decisionsOf.get(d.key) ?? []), d]);
    for (const o of byKey) {
      const ds = decisionsOf.get(o.key) ?? [];
      if (!ds.length) unmatchedKeys++;
      for (const d of ds)
        targets.push({ decisionId: d.id, modelVersionId: d.modelVersionId, at: d.at, path: `outcomes[${o.i}].value`, value: o.value });
    }
  }

  const versions = await db.modelVersion.findMany({
    where: { id: { in: [...new Set(targets.map((t) => t.modelVersionId))] } },
    select: { id: true, featureSchema: true },
  });
  const schemaOf = new Map(versions.map((v) => [v.id, v.featureSchema as { task: string; classes: string[] | null }]));
  const rows: { decisionId: string; modelVersionId: string; at: Date; value: string | number }[] = [];
  for (const t of targets) {
    const schema = schemaOf.get(t.modelVersionId) as { task: string; classes: string[] | null };
    const v = outcomeValue(t.value, schema.task, schema.classes);
    if ("problem" in v) problems.push({ path: t.path, message: v.problem });
    else rows.push({ decisionId: t.decisionId, modelVersionId: t.modelVersionId, at: t.at, value: v.value });
  }
  if (problems.length) {
    const unique = [...new Map(problems.map((p) => [p.path, p])).values()];
    throw new Invalid(`${unique.length} outcome(s) could not be recorded; nothing was stored.`, unique.slice(0, 50));
  }

  await db.$transaction(
    async (tx) => {
      // Sorted, so two callers writing overlapping outcomes lock the rows in the same order.
      rows.sort((a, b) => a.decisionId.localeCompare(b.decisionId));
      await tx.$executeRaw`
        INSERT INTO decision_outcomes (decision_id, model_version_id, decided_at, value, recorded_by)
        SELECT d.id, d.version, d.at, d.value, ${ctx.actor.label}
        FROM unnest(${rows.map((r) => r.decisionId)}::uuid[], ${rows.map((r) => r.modelVersionId)}::uuid[],
                    ${rows.map((r) => r.at)}::timestamptz[], ${rows.map((r) => JSON.stringify(r.value))}::jsonb[]) AS d(id, version, at, value)
        ON CONFLICT (decision_id) DO UPDATE SET value = EXCLUDED.value, recorded_at = now(), recorded_by = EXCLUDED.recorded_by`;
      await audit(tx, ctx, {
        action: "outcome.recorded",
        entityType: "model",
        entityId: model.id,
        after: { decisions: rows.length, byId: byId.length, byKey: byKey.length, joinKey: body.joinKey ?? null, unmatchedKeys },
      });
    },
    { timeout: 60_000 },
  );
  return { recorded: rows.length, unmatchedKeys };
}
