import "server-only";
// The whole audit trail checked at once: the event chain, the decision-batch chain, and the signed
// checkpoints of both (the part a database superuser cannot forge).
import type { AuditChainReport } from "@roundhouse/contracts";
import { db, loadAuditSigningKey, verifyAuditChain, verifyCheckpoints, writeCheckpoint } from "@roundhouse/db";
import { verifyDecisionChain } from "@roundhouse/serving";

export async function verifyAuditTrail(): Promise<AuditChainReport> {
  const chain = await verifyAuditChain(db());
  const decisions = await verifyDecisionChain((sql, params) => db().$queryRawUnsafe(sql, ...params));
  const checkpoints = await verifyCheckpoints(db(), loadAuditSigningKey());
  return {
    ...chain,
    ok: chain.ok && decisions.ok && checkpoints.ok,
    decisions: { ok: decisions.ok, batches: decisions.batches, decisions: decisions.decisions, firstBroken: decisions.firstBroken },
    checkpoints,
  };
}

/** Signs where the chains stand now (the worker also does this every minute). */
export function checkpointNow() {
  return writeCheckpoint(db(), loadAuditSigningKey());
}
