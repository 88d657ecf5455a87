// The audit log: every mutating service call writes one event inside its own transaction, so a
// change and its record commit or roll back together. Events form a SHA-256 hash chain; the table
// is append-only (trigger in the first migration) and verifyAuditChain() finds tampering.
import { randomUUID } from "node:crypto";
import type { AuditChainReport } from "@roundhouse/contracts";
import { GENESIS_HASH, type HashedFields, hashAuditEvent, hashedFieldsOf } from "./audit-offline.ts";
import { toJsonValue } from "./canonical-json.ts";
import type { Db, Prisma } from "./client.ts";

// Serializes audit writers so two transactions cannot both chain onto the same previous event.
const AUDIT_CHAIN_LOCK = 7_240_312;

export interface Actor {
  /** null for the system itself (start-up seeding, the worker). */
  id: string | null;
  /** Email or "system": kept on the event so it reads well even if the user is deleted. */
  label: string;
}

export { GENESIS_HASH, hashAuditEvent, hashedFieldsOf };

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

/** Who is acting and for which request: passed from the route into every service call. */
export interface RequestContext {
  actor: Actor;
  requestId?: string;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function audit(tx: Prisma.TransactionClient, ctx: RequestContext, input: AuditInput): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const fields: HashedFields = {
    id: randomUUID(),
    at: new Date().toISOString(),
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    requestId: ctx.requestId ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      at: new Date(fields.at),
      before: fields.before as Prisma.InputJsonValue,
      after: fields.after as Prisma.InputJsonValue,
      hash: hashAuditEvent(fields),
    },
  });
}

/** Walks the whole chain in order and reports the first event whose link or content is wrong. */
export async function verifyAuditChain(client: Db, batchSize = 2000): Promise<AuditChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after: bigint | undefined;
  while (true) {
    const events = await client.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (events.length === 0) return { ok: true, checked, firstBroken: null };
    for (const e of events) {
      const broken = (reason: string) => ({ ok: false, checked, firstBroken: { seq: e.seq.toString(), reason } });
      if (e.prevHash !== prevHash)
        return broken("its previous-hash does not match the event before it (an event was removed or reordered)");
      const recomputed = hashAuditEvent(hashedFieldsOf(e));
      if (recomputed !== e.hash) return broken("its content does not match its hash (the event was modified)");
      prevHash = e.hash;
      checked++;
    }
    after = events[events.length - 1]?.seq;
  }
}
