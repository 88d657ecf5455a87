import { z } from "zod";

export const AuditEventSchema = z
  .object({
    seq: z.string(),
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEventDto = z.infer<typeof AuditEventSchema>;

const DAY_MS = 86_400_000;
// A date alone is a whole day (UTC): "from 2026-11-30" starts at its midnight, "to 2026-11-30" ends at the next.
const when = (what: string, dayEnd: boolean) =>
  z.iso
    .datetime({ offset: true, local: true, error: "must be a date and time (ISO 8601, e.g. 2026-11-30T09:00:00Z)" })
    .transform((s) => new Date(s))
    .or(
      z.iso
        .date({ error: "must be a date (YYYY-MM-DD) or a date and time (ISO 8601)" })
        .transform((s) => new Date(Date.parse(s) + (dayEnd ? DAY_MS : 0))),
    )
    .optional()
    .meta({ description: what });

/** The explorer's filters; the list, the export and the page's URL share them. */
export const AuditFilterSchema = z.object({
  actor: z.string().max(320).optional().meta({ description: 'Who acted, as recorded: an email, "system" or "worker:…"' }),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_-]+(\.[a-z_-]+)?(\.\*)?$/, { error: 'must be an action such as "promotion.approved", or a family such as "promotion.*"' })
    .optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(200).optional(),
  related: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({
      description: "With entityType and entityId: also the events of what belongs to it (a version's job, promotion requests, alias moves)",
    }),
  from: when("Events at or after this time (a date: from its start, UTC)", false),
  to: when("Events before this time (a date: up to its end, UTC)", true),
  q: z.string().max(200).optional().meta({ description: "Free text in the action, actor, entity or the before/after" }),
});

export const AuditQuerySchema = AuditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce
    .bigint({ error: "must be a whole number (an event's seq)" })
    .min(0n)
    .max(9_223_372_036_854_775_807n, { error: "is larger than any event's seq" })
    .optional()
    .meta({ description: "Return events older than this seq" }),
});

export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z
    .enum(["jsonl", "csv"])
    .optional()
    .meta({ description: "Without filters and format: the whole trail with checkpoints for offline verification" }),
});

export const CheckpointSchema = z
  .object({
    at: z.iso.datetime(),
    auditSeq: z.string(),
    auditHash: z.string(),
    decisionBatchSeq: z.string(),
    decisionBatchHash: z.string(),
    keyId: z.string(),
    signature: z.string().meta({ description: "Ed25519 over the canonical JSON of the other fields, base64" }),
  })
  .meta({ id: "AuditCheckpoint" });

export const AuditChainReportSchema = z
  .object({
    ok: z.boolean().meta({ description: "Both chains intact and every signed checkpoint still on them" }),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
    decisions: z
      .object({
        ok: z.boolean(),
        batches: z.number().int(),
        decisions: z.number().int(),
        firstBroken: z.object({ batchSeq: z.string(), reason: z.string() }).nullable(),
      })
      .optional(),
    checkpoints: z
      .object({
        ok: z.boolean(),
        checked: z.number().int(),
        latest: CheckpointSchema.nullable(),
        firstBroken: z.object({ checkpointAt: z.string(), reason: z.string() }).nullable(),
      })
      .optional(),
  })
  .meta({ id: "AuditChainReport" });
export type AuditChainReport = z.infer<typeof AuditChainReportSchema>;

/** An event as the explorer shows it: what the entity is called and where it lives in the dashboard. */
export const AuditEventViewSchema = AuditEventSchema.extend({
  entityLabel: z.string().nullable().meta({ description: 'e.g. "churn v3 → production"; null when the entity is gone' }),
  entityHref: z.string().nullable(),
}).meta({ id: "AuditEventView" });
export type AuditEventView = z.infer<typeof AuditEventViewSchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEventViewSchema),
  subject: z
    .object({ entityType: z.string(), entityId: z.string(), label: z.string().nullable(), href: z.string().nullable() })
    .nullable()
    .meta({ description: "With entityType and entityId: the entity whose history this is" }),
  nextBefore: z.string().nullable().meta({ description: "Pass as ?before= for older events; null at the end" }),
});
