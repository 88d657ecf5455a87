import type { AuditEventRow } from "@roundhouse/db";
import { csvLines } from "@/lib/csv";

const HEADER = ["seq", "at", "actor", "action", "entity_type", "entity_id", "before", "after", "request_id", "prev_hash", "hash"];

/** The explorer's filtered view as CSV, a header line then one line per event, with its hashes. */
export async function* auditEventsAsCsv(events: AsyncIterable<AuditEventRow>): AsyncGenerator<string> {
  yield csvLines([HEADER]);
  for await (const e of events) {
    yield csvLines([
      [
        String(e.seq),
        e.at.toISOString(),
        e.actorLabel,
        e.action,
        e.entityType,
        e.entityId,
        e.before === null ? "" : JSON.stringify(e.before),
        e.after === null ? "" : JSON.stringify(e.after),
        e.requestId,
        e.prevHash,
        e.hash,
      ],
    ]);
  }
}
