// `roundhouse models outcomes`: the true values of a model's decisions, learned later, from an
// outcome dataset on the server, or from a local CSV that is uploaded first as a new version of
// that dataset (so the exact file stays on record and each outcome points to it).
import type { OutcomesFromDatasetBody, OutcomesResult } from "@roundhouse/contracts";
import { ApiFailure, call } from "./api-client.ts";
import { datasetIdOf, uploadDatasetFile } from "./jobs-commands.ts";

export interface OutcomesCommandOptions {
  dataset?: string;
  version?: string;
  file?: string;
  value: string;
  key?: string;
  joinKey?: string;
  decisionId?: string;
  json: boolean;
}

export async function recordOutcomes(model: string, o: OutcomesCommandOptions) {
  if (!o.key === !o.decisionId) throw new Error("Say how outcomes find their decisions: --key <column> or --decision-id <column>.");
  if (o.file && o.version) throw new Error("--version reads a stored version; with --file the uploaded version is read.");
  const dataset = o.dataset ?? `${model}-outcomes`;
  let datasetVersionId: string | undefined;
  if (o.file) {
    const existing = await datasetIdOf(dataset).catch(() => undefined);
    const uploaded = await uploadDatasetFile(o.file, existing ? { datasetId: existing, header: true } : { name: dataset, header: true });
    datasetVersionId = uploaded.version.id;
    if (!o.json) console.log(`uploaded ${o.file} as ${dataset} v${uploaded.version.version}`);
  } else if (!o.dataset) throw new Error("Name the outcome dataset (--dataset) or give a CSV to upload (--file).");
  const body: Partial<OutcomesFromDatasetBody> = {
    ...(datasetVersionId ? { datasetVersionId } : { dataset, version: o.version ? Number(o.version) : "latest" }),
    valueColumn: o.value,
    ...(o.key ? { keyColumn: o.key, ...(o.joinKey ? { joinKey: o.joinKey } : {}) } : { decisionIdColumn: o.decisionId }),
  };
  const result = await call<OutcomesResult>("POST", `/api/v1/models/${encodeURIComponent(model)}/outcomes/from-dataset`, body).catch(
    (err: unknown) => {
      if (err instanceof ApiFailure && datasetVersionId)
        err.message += `\n(the file was stored as dataset version ${datasetVersionId}; fix it and upload again)`;
      throw err;
    },
  );
  if (o.json) return console.log(JSON.stringify(result));
  console.log(
    `${result.recorded.toLocaleString("en-US")} decision(s) of ${model} got an outcome; ` +
      `${result.unmatchedKeys.toLocaleString("en-US")} key(s) matched no decision; ${(result.skippedRows ?? 0).toLocaleString("en-US")} row(s) had no value or key.`,
  );
}
