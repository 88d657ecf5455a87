import { AuditQuerySchema } from "@roundhouse/contracts";
import { listAuditEvents } from "@/features/audit/server/audit-events";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseQuery, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  return json(await listAuditEvents(parseQuery(req, AuditQuerySchema)));
});
