import { auditRoutes } from "@roundhouse/contracts";
import { verifyAuditTrail } from "@/features/audit/server/audit-trail";
import { route } from "@/server/http";

export const POST = route(auditRoutes.verify, () => verifyAuditTrail());
