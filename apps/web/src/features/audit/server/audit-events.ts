import "server-only";
import type { AuditEventDto } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";

export interface AuditPage {
  items: AuditEventDto[];
  nextBefore: string | null;
}

export async function listAuditEvents(q: { entityType?: string; entityId?: string; limit: number; before?: bigint }): Promise<AuditPage> {
  const rows = await db().auditEvent.findMany({
    where: {
      ...(q.entityType ? { entityType: q.entityType } : {}),
      ...(q.entityId ? { entityId: q.entityId } : {}),
      ...(q.before !== undefined ? { seq: { lt: q.before } } : {}),
    },
    orderBy: { seq: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((e) => ({
      ...e,
      seq: e.seq.toString(),
      at: e.at.toISOString(),
      before: e.before ?? null,
      after: e.after ?? null,
    })),
    nextBefore: rows.length > q.limit ? (page[page.length - 1]?.seq.toString() ?? null) : null,
  };
}
