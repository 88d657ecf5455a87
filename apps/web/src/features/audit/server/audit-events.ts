import "server-only";
import type { AuditEventView } from "@roundhouse/contracts";
import { type AuditEventRow, type AuditFilter, db, searchAuditEvents } from "@roundhouse/db";
import { type EntityName, nameEntities } from "./entity-names";

export interface AuditQuery extends Omit<AuditFilter, "subjects" | "mentionsModelVersion"> {
  related?: boolean;
  limit: number;
  before?: bigint;
}

export interface AuditPage {
  items: AuditEventView[];
  subject: { entityType: string; entityId: string; label: string | null; href: string | null } | null;
  nextBefore: string | null;
}

export async function listAuditEvents(q: AuditQuery): Promise<AuditPage> {
  const filter = await withRelated(q);
  const page = await searchAuditEvents(db(), filter, { limit: q.limit, before: q.before });
  const subjectKey = q.entityType && q.entityId ? { entityType: q.entityType, entityId: q.entityId } : null;
  const names = await nameEntities(subjectKey ? [...page.items, subjectKey] : page.items);
  const subject = subjectKey ? { ...subjectKey, ...(names.get(`${subjectKey.entityType}/${subjectKey.entityId}`) ?? unnamed) } : null;
  return {
    items: page.items.map((e) => toView(e, names.get(`${e.entityType}/${e.entityId}`))),
    subject,
    nextBefore: page.nextBefore?.toString() ?? null,
  };
}

const unnamed = { label: null, href: null };

export function toView(e: AuditEventRow, name: EntityName | undefined): AuditEventView {
  return {
    ...e,
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    before: e.before ?? null,
    after: e.after ?? null,
    entityLabel: name?.label ?? null,
    entityHref: name?.href ?? null,
  };
}

/**
 * An entity's history with what belongs to it: a model version's training job and promotion
 * requests, its run's notes and the alias moves onto or off it; a job's sweep trials and runs. Other
 * entities: only their own.
 */
export async function withRelated(q: AuditQuery): Promise<AuditFilter> {
  const { related, limit: _limit, before: _before, ...filter } = q;
  const { entityType, entityId, ...rest } = filter;
  if (!related || !entityType || !entityId) return filter;
  const subjects = [{ entityType, entityId }];
  if (entityType === "model-version" && isUuid(entityId)) {
    const version = await db().modelVersion.findUnique({
      where: { id: entityId },
      select: { runId: true, run: { select: { jobId: true } }, promotions: { select: { id: true } } },
    });
    if (version) {
      subjects.push({ entityType: "training-job", entityId: version.run.jobId });
      subjects.push({ entityType: "run", entityId: version.runId });
      for (const p of version.promotions) subjects.push({ entityType: "promotion_request", entityId: p.id });
      return { ...rest, subjects, mentionsModelVersion: entityId };
    }
  }
  if (entityType === "training-job" && isUuid(entityId)) {
    const trials = await db().trainingJob.findMany({ where: { parentJobId: entityId }, select: { id: true } });
    for (const t of trials) subjects.push({ entityType: "training-job", entityId: t.id });
    const runs = await db().run.findMany({ where: { jobId: { in: [entityId, ...trials.map((t) => t.id)] } }, select: { id: true } });
    for (const r of runs) subjects.push({ entityType: "run", entityId: r.id });
  }
  return { ...rest, subjects };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
