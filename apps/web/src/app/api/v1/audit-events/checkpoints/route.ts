import { auditRoutes } from "@roundhouse/contracts";
import { db, listCheckpoints } from "@roundhouse/db";
import { checkpointNow } from "@/features/audit/server/audit-trail";
import { route } from "@/server/http";

export const GET = route(auditRoutes.checkpoints, async () => ({ items: await listCheckpoints(db()) }));

/** Sign the chains' heads now, e.g. right before an export. */
export const POST = route(auditRoutes.checkpoint, () => checkpointNow());
