import { z } from "zod";

export const WorkerSchema = z
  .object({
    id: z.string(),
    host: z.string(),
    pid: z.number().int(),
    slots: z.number().int(),
    busy: z.number().int().meta({ description: "Slots running a job now" }),
    cpus: z.number().int(),
    memoryMb: z.number().int(),
    pools: z.array(z.string()),
    version: z.string(),
    store: z.string().meta({ description: "Where the worker reads and writes files: a folder or s3://bucket/prefix" }),
    state: z.enum(["live", "silent"]).meta({
      description:
        "silent = no heartbeat for 30 s (killed, or cut off from the database); its jobs go back to the queue when their leases expire",
    }),
    startedAt: z.iso.datetime(),
    heartbeatAt: z.iso.datetime(),
  })
  .meta({ id: "Worker" });
export type WorkerDto = z.infer<typeof WorkerSchema>;

export const PoolLoadSchema = z
  .object({
    pool: z.string(),
    queued: z.number().int().meta({ description: "Jobs waiting for a worker of this pool" }),
    running: z.number().int(),
    slots: z.number().int().meta({ description: "Slots of live workers serving this pool" }),
    busy: z.number().int(),
  })
  .meta({ id: "PoolLoad" });
export type PoolLoad = z.infer<typeof PoolLoadSchema>;

export const FleetSchema = z
  .object({
    workers: z.array(WorkerSchema).meta({ description: "Workers heard from in the last 24 hours, live first, then by host" }),
    pools: z.array(PoolLoadSchema).meta({ description: "Every pool a live worker serves or a queued job names" }),
  })
  .meta({ id: "Fleet" });
export type Fleet = z.infer<typeof FleetSchema>;

/** A worker without a heartbeat for this long is shown as silent (heartbeats come every 5 s). */
export const WORKER_SILENT_SECONDS = 30;
