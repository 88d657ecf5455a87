import { authRoutes, tokenRoutes, userRoutes } from "./access.ts";
import { datasetRoutes } from "./datasets.ts";
import type { AnyRouteDeclaration } from "./declare.ts";
import { jobRoutes, runRoutes } from "./jobs.ts";
import { decisionRoutes, modelRoutes, promotionRoutes } from "./models.ts";
import { monitoringRoutes } from "./monitoring.ts";
import { retrainingRoutes } from "./retraining.ts";
import { auditRoutes, systemRoutes } from "./system.ts";
import { workflowRoutes } from "./workflows.ts";

export * from "./access.ts";
export * from "./datasets.ts";
export * from "./declare.ts";
export * from "./jobs.ts";
export * from "./models.ts";
export * from "./monitoring.ts";
export * from "./retraining.ts";
export * from "./system.ts";
export * from "./workflows.ts";

/** Every route the web app serves, in the OpenAPI document's order. */
export const API_ROUTES: AnyRouteDeclaration[] = [
  datasetRoutes,
  jobRoutes,
  workflowRoutes,
  runRoutes,
  modelRoutes,
  promotionRoutes,
  retrainingRoutes,
  monitoringRoutes,
  decisionRoutes,
  authRoutes,
  userRoutes,
  tokenRoutes,
  auditRoutes,
  systemRoutes,
].flatMap((group) => Object.values(group) as AnyRouteDeclaration[]);
