import { z } from "zod";
import { AuditChainReportSchema, AuditExportQuerySchema, AuditPageSchema, AuditQuerySchema, CheckpointSchema } from "../api/audit.ts";
import { HealthSchema } from "../api/health.ts";
import { PoolNameSchema } from "../api/jobs.ts";
import { FleetSchema } from "../api/workers.ts";
import { declareRoute } from "./declare.ts";

export const auditRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/audit-events",
    summary: "Audit events, newest first",
    access: "read",
    query: AuditQuerySchema,
    status: 200,
    response: AuditPageSchema,
  }),
  verify: declareRoute({
    method: "POST",
    path: "/api/v1/audit-events/verify",
    summary: "Recompute both hash chains (audit events, decision batches) and check every signed checkpoint (admin, approver)",
    access: "audit:verify",
    status: 200,
    response: AuditChainReportSchema,
  }),
  checkpoints: declareRoute({
    method: "GET",
    path: "/api/v1/audit-events/checkpoints",
    summary: "Signed checkpoints of the chains' heads, oldest first",
    access: "audit:verify",
    status: 200,
    response: z.object({ items: z.array(CheckpointSchema) }),
  }),
  checkpoint: declareRoute({
    method: "POST",
    path: "/api/v1/audit-events/checkpoints",
    summary: "Sign the chains' heads now (e.g. right before an export)",
    access: "audit:verify",
    status: 201,
    response: CheckpointSchema,
  }),
  export: declareRoute({
    method: "GET",
    path: "/api/v1/audit-events/export",
    summary:
      "Without filters: every event and checkpoint as JSON Lines, for `roundhouse audit verify FILE --public-key KEY`. With filters or format: the matching events (with their hashes) as JSON Lines or CSV",
    access: "audit:verify",
    query: AuditExportQuerySchema,
    status: 200,
    produces: "application/x-ndjson",
  }),
};

export const systemRoutes = {
  workers: declareRoute({
    method: "GET",
    path: "/api/v1/workers",
    summary: "The worker fleet (host, slots in use, CPUs, memory, pools, version, last heartbeat) and each pool's queue",
    access: "read",
    status: 200,
    response: FleetSchema,
  }),
  metrics: declareRoute({
    method: "GET",
    path: "/api/v1/metrics",
    summary:
      "Queue depth, running jobs and worker slots by pool in the Prometheus text format, for an autoscaler (e.g. KEDA's prometheus or metrics-api scaler) to size the worker Deployment",
    access: "read",
    query: z.object({ pool: PoolNameSchema.optional().meta({ description: "Only this pool's figures" }) }),
    status: 200,
    produces: "text/plain",
  }),
  health: declareRoute({
    method: "GET",
    path: "/api/v1/health",
    summary: "Database, migrations and worker heartbeat",
    access: "public",
    status: 200,
    response: HealthSchema,
    alsoStatus: { 503: "Not ready: the database is unreachable, or migrations need an operator (the body says which)" },
  }),
  openapi: declareRoute({
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This document",
    access: "public",
    status: 200,
    response: z.object({
      openapi: z.string(),
      info: z.object({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
};
