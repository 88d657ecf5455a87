import { z } from "zod";

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).meta({
      description:
        "ok; degraded = running but something it needs is away (the database, the worker) and it recovers by itself when that is back; down = an operator must act (migrations pending or modified)",
    }),
    reasons: z.array(z.string()).meta({ description: "what is wrong, in words; empty when ok" }),
    time: z.iso.datetime(),
    version: z.string(),
    database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
    migrations: z.object({ ok: z.boolean(), applied: z.number().int(), pending: z.array(z.string()) }),
    disk: z
      .object({ ok: z.boolean(), freeMb: z.number().int(), reserveMb: z.number().int() })
      .optional()
      .meta({ description: "free space on the disk of the data home's work area; below the reserve, uploads and dataset work get 507" }),
    worker: z.object({
      ok: z.boolean(),
      lastHeartbeatAt: z.iso.datetime().nullable(),
      ageSeconds: z.number().nullable(),
      note: z.string().optional(),
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof HealthSchema>;
