import { auditRoutes } from "@roundhouse/contracts";
import { db, eachAuditEvent, exportAuditTrail, hashedFieldsOf } from "@roundhouse/db";
import { auditEventsAsCsv } from "@/features/audit/lib/audit-csv";
import { withRelated } from "@/features/audit/server/audit-events";
import { route } from "@/server/http";

/**
 * Without filters: every event and checkpoint as JSON Lines, streamed, for `roundhouse audit verify`.
 * With filters (the explorer's view): the matching events oldest first, each with its seq and hash,
 * as JSON Lines (the same event lines as the full export) or CSV.
 */
export const GET = route(auditRoutes.export, async ({ query }) => {
  const { format, ...filter } = query;
  const filtered = format !== undefined || Object.values(filter).some((v) => v !== undefined);
  const day = new Date().toISOString().slice(0, 10);
  if (!filtered) return stream(exportAuditTrail(db()), `roundhouse-audit-${day}.jsonl`, "application/x-ndjson");
  const events = eachAuditEvent(db(), await withRelated({ ...filter, limit: 0 }));
  if (format === "csv") return stream(auditEventsAsCsv(events), `roundhouse-audit-${day}-filtered.csv`, "text/csv; charset=utf-8");
  return stream(
    (async function* () {
      for await (const e of events) yield `${JSON.stringify({ type: "event", seq: String(e.seq), hash: e.hash, ...hashedFieldsOf(e) })}\n`;
    })(),
    `roundhouse-audit-${day}-filtered.jsonl`,
    "application/x-ndjson",
  );
});

function stream(lines: AsyncGenerator<string>, name: string, type: string): Response {
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
  return new Response(body, { headers: { "content-type": type, "content-disposition": `attachment; filename="${name}"` } });
}
