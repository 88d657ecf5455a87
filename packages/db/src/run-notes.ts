// People's notes and tags on a run: edited after the fact, unlike the spec (which stays as
// submitted, for provenance), and audited with before and after like every other change.
import { NotFound, type RunAnnotation } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db } from "./client.ts";

export async function annotateRun(client: Db, ctx: RequestContext, runId: string, change: RunAnnotation) {
  return client.$transaction(async (tx) => {
    // Row lock: two people saving at once are applied one after the other, each audited against what it replaced.
    const [locked] = await tx.$queryRaw<{ note: string; tags: string[] }[]>`
      SELECT note, tags FROM runs WHERE id = ${runId}::uuid FOR UPDATE`;
    if (!locked) throw new NotFound("Run", runId);
    const after = { note: change.note ?? locked.note, tags: change.tags ?? locked.tags };
    if (after.note === locked.note && after.tags.join("\u0000") === locked.tags.join("\u0000")) return;
    await tx.run.update({ where: { id: runId }, data: after });
    await audit(tx, ctx, {
      action: "run.annotated",
      entityType: "run",
      entityId: runId,
      before: { note: locked.note, tags: locked.tags },
      after,
    });
  });
}
