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
    let types: unknown;
    try {
      types = o.types ? JSON.parse(o.types) : undefined;
    } catch {
      throw new Invalid('types must be a JSON object such as {"zip": "string"}.', [{ path: "types", message: "not JSON" }]);
    }
    const csv = CsvOptionsSchema.safeParse({ delimiter: o.delimiter, header: o.header ? o.header === "true" : undefined, types });
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
