// The serving library: one per process (the web app and `roundhouse serve` each hold one). It
// resolves the model version, checks the rows against its features, scores them with reasons, and
// records every decision before answering.
import { randomUUID } from "node:crypto";
import {
  Invalid,
  MAX_PREDICT_ROWS,
  type PredictQuery,
  PredictQuerySchema,
  type PredictResponse,
  refuseUnknownFields,
  Unavailable,
  Unprocessable,
} from "@roundhouse/contracts";
import pg from "pg";
import { type DecisionEntry, DecisionLog } from "./decision-log.ts";
import { featureEncoder } from "./feature-row.ts";
import { ModelResolver } from "./model-resolver.ts";
import type { ServedModel } from "./served-model.ts";

export interface ServingOptions {
  databaseUrl: string;
  /** How old an alias may get before it is checked against the table even without a NOTIFY. */
  aliasCheckMillis?: number;
  poolSize?: number;
}

export interface PredictCall {
  modelName: string;
  /** The URL's query parameters (alias, version, reasons). */
  query: Record<string, string>;
  /** One JSON record, or an array of them. */
  body: unknown;
  caller: string;
  requestId: string;
}

export interface Serving {
  predict(call: PredictCall): Promise<PredictResponse>;
  decisionsWritten(): number;
  close(): Promise<void>;
}

export async function startServing(opts: ServingOptions): Promise<Serving> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 4 });
  const resolver = new ModelResolver(pool, opts.databaseUrl, opts.aliasCheckMillis);
  await resolver.listen();
  const log = new DecisionLog(pool);
  const encoders = new WeakMap<ServedModel, ReturnType<typeof featureEncoder>>();

  return {
    async predict(call) {
      const parsed = PredictQuerySchema.safeParse(call.query);
      if (!parsed.success) throw Invalid.fromZod(parsed.error, "query");
      // `?verison=1` must not be answered by the production version.
      refuseUnknownFields(call.query, parsed.data, "query", PredictQuerySchema);
      const query: PredictQuery = parsed.data;
      const batch = Array.isArray(call.body);
      const records: unknown[] = batch ? (call.body as unknown[]) : [call.body];
      if (records.length === 0) throw new Invalid("Send at least one row.", [{ path: "", message: "empty array" }]);
      if (records.length > MAX_PREDICT_ROWS)
        throw new Invalid(`Send at most ${MAX_PREDICT_ROWS} rows per call (got ${records.length}).`, [
          { path: "", message: "too many rows" },
        ]);

      const alias = query.version ? null : (query.alias ?? "production");
      const model = alias
        ? await resolver.byAlias(call.modelName, alias)
        : await resolver.byVersion(call.modelName, query.version as number);
      let encode = encoders.get(model);
      if (!encode) {
        encode = featureEncoder(model.features);
        encoders.set(model, encode);
      }
      const { rows, problems, warnings } = encode(records, (r) => (batch ? `${r}` : ""));
      if (problems.length) {
        const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
        throw new Unprocessable(`The input does not fit ${model.modelName} version ${model.version}: ${summary}`, problems);
      }

      const at = new Date();
      const decisions: DecisionEntry[] = [];
      const scoredRows = await model.scoreRows(rows, records as Record<string, unknown>[], query.reasons);
      const predictions = scoredRows.map((scored, r) => {
        const input = records[r] as Record<string, unknown>;
        const id = randomUUID();
        decisions.push({
          id,
          at,
          caller: call.caller,
          modelName: model.modelName,
          alias,
          modelVersionId: model.modelVersionId,
          requestId: call.requestId,
          input,
          output: { prediction: scored.prediction, probabilities: scored.probabilities ?? null },
          reasons: scored.reasons,
          warnings: warnings[r] ?? [],
        });
        const rowWarnings = warnings[r] ?? [];
        return { decisionId: id, ...scored, ...(rowWarnings.length ? { warnings: rowWarnings } : {}) };
      });
      try {
        await log.record(decisions);
      } catch (err) {
        throw new Unavailable(`The decision log could not be written, so no prediction is returned (${(err as Error).message}).`);
      }
      return {
        model: { name: model.modelName, version: model.version, alias, modelVersionId: model.modelVersionId },
        requestId: call.requestId,
        predictions,
      };
    },
    decisionsWritten: () => log.written,
    async close() {
      await resolver.close();
      await pool.end();
    },
  };
}
