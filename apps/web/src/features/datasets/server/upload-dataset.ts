import "server-only";
import { CsvOptionsSchema, type IngestResult, Invalid, UploadOptionsSchema } from "@roundhouse/contracts";
import { ingestDataset, withTempFiles } from "@roundhouse/data";
import { db, type RequestContext } from "@roundhouse/db";
import { receiveRequestFile } from "./request-file";

/** POST /datasets (new dataset) and POST /datasets/{id}/versions (new version of it). */
export async function uploadDataset(req: Request, ctx: RequestContext, datasetId?: string): Promise<IngestResult> {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return withTempFiles(async (temp) => {
    const received = await receiveRequestFile(req, temp());
    const parsed = UploadOptionsSchema.safeParse({ ...query, ...received.fields });
    if (!parsed.success) throw Invalid.fromZod(parsed.error, "upload options");
    const o = parsed.data;
    if (!datasetId && !o.name) throw new Invalid("Name the new dataset (?name=...).", [{ path: "name", message: "required" }]);
    const types = parseJsonOption(o.types, "types", 'a JSON object such as {"zip": "string"}');
    const nullValues = parseJsonOption(o.nullValues, "nullValues", 'a JSON array such as ["NA", "-"]');
    const csv = CsvOptionsSchema.safeParse({
      delimiter: o.delimiter,
      header: o.header ? o.header === "true" : undefined,
      types,
      nullValues,
    });
    if (!csv.success) throw Invalid.fromZod(csv.error, "CSV options");
    return ingestDataset(db(), ctx, {
      name: o.name,
      datasetId,
      description: o.description,
      file: received.path,
      sha256: received.sha256,
      originalName: received.filename ?? o.name,
      format: o.format,
      csv: csv.data,
    });
  });
}

function parseJsonOption(text: string | undefined, field: string, expected: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid(`${field} must be ${expected}.`, [{ path: field, message: "not JSON" }]);
  }
}
