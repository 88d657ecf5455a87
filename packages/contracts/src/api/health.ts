import { z } from "zod";

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    time: z.iso.datetime(),
    version: z.string(),
    database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
    migrations: z.object({ ok: z.boolean(), applied: z.number().int(), pending: z.array(z.string()) }),
    worker: z.object({
      ok: z.boolean(),
      lastHeartbeatAt: z.iso.datetime().nullable(),
      ageSeconds: z.number().nullable(),
      note: z.string().optional(),
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof HealthSchema>;
