// Outcomes given in an API call, by decision id or by a join key. An unknown decision id is an
// error here (the caller named it); see store-outcomes.ts for what is checked and how it is stored.
import { NotFound, type OutcomesBody, type OutcomesResult } from "@roundhouse/contracts";
import type { Db, RequestContext } from "@roundhouse/db";
import { storeOutcomes } from "./store-outcomes.ts";

export async function recordOutcomes(db: Db, ctx: RequestContext, modelName: string, body: OutcomesBody): Promise<OutcomesResult> {
  const model = await db.registeredModel.findUnique({ where: { name: modelName }, select: { id: true } });
  if (!model) throw new NotFound("Model", modelName);
  const entries = body.outcomes.map((o, i) => ({
    ...(o.decisionId !== undefined ? { decisionId: o.decisionId } : { key: String(o.key) }),
    value: o.value,
    idPath: `outcomes[${i}].decisionId`,
    valuePath: `outcomes[${i}].value`,
  }));
  return storeOutcomes(
    db,
    ctx,
    { modelId: model.id, modelName, joinKey: body.joinKey, describe: { joinKey: body.joinKey ?? null } },
    entries,
    { unknownIdIsProblem: true },
  );
}
