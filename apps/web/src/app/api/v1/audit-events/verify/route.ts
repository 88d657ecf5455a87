import { verifyAuditTrail } from "@/features/audit/server/audit-trail";
import { requireCaller } from "@/features/auth/server/caller";
import { json, route } from "@/server/http";

export const POST = route(async (req, { requestId }) => {
  await requireCaller(req, requestId, "audit:verify");
  return json(await verifyAuditTrail());
});
