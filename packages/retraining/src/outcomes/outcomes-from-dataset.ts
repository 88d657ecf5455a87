// Outcomes kept as a dataset (a nightly export of who churned): a value column, and a decision-id
// column or a key column matched to an input field of the decisions. The dataset version read is
// stored with each outcome and in the audit event, so a realised metric traces back to its data.
// Rows with no value (not known yet) or no key are skipped and counted; a decision id that is not
// in the log is counted as unmatched rather than refused, since exports often span several models.

import {
  type ColumnSchema,
  Invalid,
  MAX_OUTCOME_DATASET_ROWS,
  NotFound,
  type OutcomesFromDatasetBody,
  type OutcomesResult,
} from "@roundhouse/contracts";
import { ident, literal, queryRows, withConnection } from "@roundhouse/data";
import type { Db, RequestContext } from "@roundhouse/db";
import { localFileOf } from "@roundhouse/store";
import { type OutcomeEntry, storeOutcomes } from "./store-outcomes.ts";

export async function recordOutcomesFromDataset(
  db: Db,
  ctx: RequestContext,
  modelName: string,
  body: OutcomesFromDatasetBody,
): Promise<OutcomesResult> {
  const model = await db.registeredModel.findUnique({ where: { name: modelName }, select: { id: true } });
  if (!model) throw new NotFound("Model", modelName);
  const version = body.datasetVersionId
    ? await db.datasetVersion.findUnique({ where: { id: body.datasetVersionId }, include: { dataset: { select: { name: true } } } })
    : await db.datasetVersion.findFirst({
        where: { dataset: { name: body.dataset }, ...(body.version === "latest" ? {} : { version: body.version }) },
        orderBy: { version: "desc" },
        include: { dataset: { select: { name: true } } },
      });
  if (!version) {
    const path = body.datasetVersionId ? "datasetVersionId" : "dataset";
    const what = body.datasetVersionId ? `Dataset version ${body.datasetVersionId}` : `Dataset ${body.dataset} (version ${body.version})`;
    throw new Invalid(`${what} does not exist.`, [{ path, message: "does not exist" }]);
  }
  const label = `${version.dataset.name} v${version.version}`;
  const schema = version.schema as unknown as ColumnSchema[];
  const idField = body.decisionIdColumn ? "decisionIdColumn" : "keyColumn";
  const idColumn = (body.decisionIdColumn ?? body.keyColumn) as string;
  const problems = (
    [
      ["valueColumn", body.valueColumn],
      [idField, idColumn],
    ] as const
  )
    .filter(([, column]) => !schema.some((c) => c.name === column))
    .map(([path, column]) => ({ path, message: `no column "${column}" in ${label} (columns: ${schema.map((c) => c.name).join(", ")})` }));
  if (problems.length) throw new Invalid(`The outcome dataset ${label} lacks a column the request names.`, problems);
  if (version.rowCount > MAX_OUTCOME_DATASET_ROWS)
    throw new Invalid(`${label} has ${version.rowCount.toLocaleString("en-US")} rows; one call reads at most 1,000,000.`, [
      { path: body.datasetVersionId ? "datasetVersionId" : "dataset", message: "has more than 1,000,000 rows: split it by time" },
    ]);

  const valueType = schema.find((c) => c.name === body.valueColumn)?.type;
  // Numbers as doubles (a BIGINT would arrive as a bigint), true/false as booleans, the rest as text.
  const valueSql =
    valueType === "integer" || valueType === "float"
      ? `CAST(${ident(body.valueColumn)} AS DOUBLE)`
      : valueType === "boolean"
        ? ident(body.valueColumn)
        : `CAST(${ident(body.valueColumn)} AS VARCHAR)`;
  const file = await localFileOf(version.storagePath);
  const rows = await withConnection((c) =>
    queryRows(c, `SELECT CAST(${ident(idColumn)} AS VARCHAR) AS id, ${valueSql} AS value FROM read_parquet(${literal(file)})`),
  );

  const entries: OutcomeEntry[] = [];
  let skippedRows = 0;
  rows.forEach((r, i) => {
    const id = r.id === null ? "" : String(r.id).trim();
    if (id === "" || r.value === null || r.value === undefined) {
      skippedRows++;
      return;
    }
    entries.push({
      ...(body.decisionIdColumn ? { decisionId: id } : { key: id }),
      value: r.value as string | number | boolean,
      idPath: `rows[${i}].${idColumn}`,
      valuePath: `rows[${i}].${body.valueColumn}`,
    });
  });
  const joinKey = body.keyColumn ? (body.joinKey ?? body.keyColumn) : undefined;
  const result = await storeOutcomes(
    db,
    ctx,
    {
      modelId: model.id,
      modelName,
      joinKey,
      datasetVersionId: version.id,
      describe: { dataset: label, datasetVersionId: version.id, joinKey: joinKey ?? null, skippedRows },
    },
    entries,
    { unknownIdIsProblem: false },
  );
  return { ...result, skippedRows, datasetVersionId: version.id };
}
