// Finding events in the audit trail: the explorer's filters (who, what, which entity, when, free
// text) as one SQL query, newest first, paged by seq so a page costs the same at event 10 and at
// event 1,000,000 (indexes: actor_label+seq, action+seq, entity+seq, at).

import type { HashedFields } from "./audit-offline.ts";
import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

export interface AuditSubject {
  entityType: string;
  entityId: string;
}

export interface AuditFilter {
  /** The actor's label as recorded (an email, "system", "worker:…"). */
  actor?: string;
  /** An exact action ("promotion.approved") or a family ending in ".*" ("promotion.*"). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Events about any of these (an entity's history with the entities that belong to it). */
  subjects?: AuditSubject[];
  /** Events whose before or after names this model version (alias moves onto or off it). */
  mentionsModelVersion?: string;
  from?: Date;
  to?: Date;
  /** Free text, matched case-insensitively against action, actor, entity id and the before/after. */
  q?: string;
}

/** An event row as stored: the hashed fields with its seq, time and hash. */
export interface AuditEventRow extends Omit<HashedFields, "at"> {
  seq: bigint;
  at: Date;
  hash: string;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: AuditFilter & { before?: bigint; after?: bigint }): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.actor) parts.push(Prisma.sql`actor_label = ${f.actor}`);
  if (f.action?.endsWith(".*")) parts.push(Prisma.sql`action LIKE ${`${f.action.slice(0, -2).replace(/[\\%_]/g, "\\$&")}.%`}`);
  else if (f.action) parts.push(Prisma.sql`action = ${f.action}`);
  if (f.entityType) parts.push(Prisma.sql`entity_type = ${f.entityType}`);
  if (f.entityId) parts.push(Prisma.sql`entity_id = ${f.entityId}`);
  const about: Prisma.Sql[] = (f.subjects ?? []).map((s) => Prisma.sql`(entity_type = ${s.entityType} AND entity_id = ${s.entityId})`);
  if (f.mentionsModelVersion) {
    const id = f.mentionsModelVersion;
    about.push(Prisma.sql`(entity_type = 'deployment' AND (after->>'modelVersionId' = ${id} OR before->>'modelVersionId' = ${id}))`);
  }
  if (about.length > 0) parts.push(Prisma.sql`(${Prisma.join(about, " OR ")})`);
  if (f.from) parts.push(Prisma.sql`at >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`at < ${f.to}`);
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(
      Prisma.sql`(action ILIKE ${like} OR actor_label ILIKE ${like} OR entity_id ILIKE ${like} OR entity_type ILIKE ${like}
        OR before::text ILIKE ${like} OR after::text ILIKE ${like})`,
    );
  }
  if (f.before !== undefined) parts.push(Prisma.sql`seq < ${f.before}`);
  if (f.after !== undefined) parts.push(Prisma.sql`seq > ${f.after}`);
  return parts.length > 0 ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const COLUMNS = Prisma.raw(`seq, id::text AS id, at, actor_id::text AS "actorId", actor_label AS "actorLabel", action,
  entity_type AS "entityType", entity_id AS "entityId", before, after, request_id AS "requestId", prev_hash AS "prevHash", hash`);

/** One page, newest first: events older than `before` (a seq), at most `limit`, and the cursor for the next. */
export async function searchAuditEvents(
  client: Db,
  filter: AuditFilter,
  page: { limit: number; before?: bigint },
): Promise<{ items: AuditEventRow[]; nextBefore: bigint | null }> {
  const rows = await client.$queryRaw<AuditEventRow[]>(
    Prisma.sql`SELECT ${COLUMNS} FROM audit_events ${conditions({ ...filter, before: page.before })}
      ORDER BY seq DESC LIMIT ${page.limit + 1}`,
  );
  const items = rows.slice(0, page.limit);
  return { items, nextBefore: rows.length > page.limit ? (items[items.length - 1]?.seq ?? null) : null };
}

/** Every matching event, oldest first, fetched in batches (for exports of a filtered view). */
export async function* eachAuditEvent(client: Db, filter: AuditFilter, batchSize = 2000): AsyncGenerator<AuditEventRow> {
  let after: bigint | undefined;
  for (;;) {
    const rows = await client.$queryRaw<AuditEventRow[]>(
      Prisma.sql`SELECT ${COLUMNS} FROM audit_events ${conditions({ ...filter, after })} ORDER BY seq ASC LIMIT ${batchSize}`,
    );
    yield* rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]?.seq;
  }
}
