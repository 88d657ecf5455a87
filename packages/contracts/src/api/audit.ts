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

export const AuditQuerySchema = z.object({
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce
    .bigint({ error: "must be a whole number (an event's seq)" })
    .min(0n)
    .max(9_223_372_036_854_775_807n, { error: "is larger than any event's seq" })
    .optional()
    .meta({ description: "Return events older than this seq" }),
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

export const AuditPageSchema = z.object({
  items: z.array(AuditEventSchema),
  nextBefore: z.string().nullable().meta({ description: "Pass as ?before= for older events; null at the end" }),
});
