import { db, listCheckpoints } from "@roundhouse/db";
import { checkpointNow } from "@/features/audit/server/audit-trail";
import { requireCaller } from "@/features/auth/server/caller";
import { json, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId, "audit:verify");
  return json({ items: await listCheckpoints(db()) });
});

/** Sign the chains' heads now, e.g. right before an export. */
export const POST = route(async (req, { requestId }) => {
  await requireCaller(req, requestId, "audit:verify");
  return json(await checkpointNow(), 201);
});
