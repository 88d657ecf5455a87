import { auditRoutes } from "@roundhouse/contracts";
import { db, exportAuditTrail } from "@roundhouse/db";
import { route } from "@/server/http";

/** Every event and checkpoint as JSON Lines, streamed: `roundhouse audit verify` checks it offline. */
export const GET = route(auditRoutes.export, async () => {
  const lines = exportAuditTrail(db());
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const name = `roundhouse-audit-${new Date().toISOString().slice(0, 10)}.jsonl`;
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson", "content-disposition": `attachment; filename="${name}"` },
  });
});
