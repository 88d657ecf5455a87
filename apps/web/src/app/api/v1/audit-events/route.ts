import { auditRoutes } from "@roundhouse/contracts";
import { listAuditEvents } from "@/features/audit/server/audit-events";
import { route } from "@/server/http";

export const GET = route(auditRoutes.list, ({ query }) => listAuditEvents(query));
