// Every prediction is written here before its response leaves. Writes are group-committed: while
// one INSERT is in flight, new decisions wait and go together in the next one, so throughput grows
// with load while each caller still waits only for the commit that holds its own decisions.
// If a write fails, every caller in that batch gets the error: no prediction goes out unrecorded.
// Each write is one hashed batch of the decision chain (decision-chain.ts), in the same statement.

import type { DecisionWarning, Reason } from "@roundhouse/contracts";
import type pg from "pg";
import { decisionsDigest } from "./decision-chain.ts";

export interface DecisionEntry {
  id: string;
  at: Date;
  caller: string;
  modelName: string;
  alias: string | null;
  modelVersionId: string;
  requestId: string;
  input: unknown;
  output: unknown;
  reasons: Reason[];
  warnings: DecisionWarning[];
}

interface Pending {
  entries: DecisionEntry[];
  done: (err?: Error) => void;
}

const INSERT = `WITH batch AS (SELECT record_decision_batch($12, $13) AS seq)
  INSERT INTO decisions (id, at, caller, model_name, alias, model_version_id, request_id, input, output, reasons, warnings, batch_seq)
  SELECT d.*, batch.seq FROM batch,
    unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::jsonb[]) AS d`;

export class DecisionLog {
  private queue: Pending[] = [];
  private writers = 0;
  /** Decisions committed since start: the bench and the health check read it. */
  written = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBatch = 2000,
    private readonly maxWriters = 1,
  ) {}

  record(entries: DecisionEntry[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, done: (err) => (err ? reject(err) : resolve()) });
      // One writer by default: on a 2-core machine a second one made batches smaller and PostgreSQL
      // busier (p99 9 → 11 ms in bench:serve).
      if (this.writers < this.maxWriters) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writers++;
    while (this.queue.length) {
      const batch: Pending[] = [];
      let rows = 0;
      while (this.queue.length && (rows === 0 || rows + (this.queue[0] as Pending).entries.length <= this.maxBatch)) {
        const next = this.queue.shift() as Pending;
        batch.push(next);
        rows += next.entries.length;
      }
      const all = batch.flatMap((p) => p.entries);
      try {
        await this.pool.query(INSERT, [
          all.map((d) => d.id),
          all.map((d) => d.at.toISOString()),
          all.map((d) => d.caller),
          all.map((d) => d.modelName),
          all.map((d) => d.alias),
          all.map((d) => d.modelVersionId),
          all.map((d) => d.requestId),
          all.map((d) => JSON.stringify(d.input)),
          all.map((d) => JSON.stringify(d.output)),
          all.map((d) => JSON.stringify(d.reasons)),
          all.map((d) => JSON.stringify(d.warnings)),
          decisionsDigest(all),
          all.length,
        ]);
        this.written += all.length;
        for (const p of batch) p.done();
      } catch (err) {
        for (const p of batch) p.done(err as Error);
      }
    }
    this.writers--;
  }
}
