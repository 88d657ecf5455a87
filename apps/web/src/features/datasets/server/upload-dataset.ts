import "server-only";
import {
  CsvOptionsSchema,
  type FilePreview,
  type IngestResult,
  Invalid,
  refuseUnknownFields,
  UploadOptionsSchema,
} from "@roundhouse/contracts";
import { ingestDataset, previewFile, withTempFiles } from "@roundhouse/data";
import { db, type RequestContext } from "@roundhouse/db";
import { receiveRequestFile } from "./request-file";

/** POST /datasets (new dataset) and POST /datasets/{id}/versions (new version of it). */
export async function uploadDataset(req: Request, ctx: RequestContext, datasetId?: string): Promise<IngestResult> {
  return withTempFiles(async (temp) => {
    const received = await receiveRequestFile(req, temp());
    const { o, csv } = uploadOptions(req, received.fields);
    if (!datasetId && !o.name) throw new Invalid("Name the new dataset (?name=...).", [{ path: "name", message: "required" }]);
    return ingestDataset(db(), ctx, {
      name: o.name,
      datasetId,
      description: o.description,
      file: received.path,
      sha256: received.sha256,
      originalName: received.filename ?? o.name,
      format: o.format,
      csv,
      mode: o.mode,
    });
  });
}

// The dialog sends the first 256 KiB; a little more is allowed for multipart framing.
const PREVIEW_LIMIT = 1024 * 1024;

/** POST /datasets/preview-file: the start of a file read with the upload's options, nothing stored. */
export async function previewUpload(req: Request): Promise<FilePreview> {
  return withTempFiles(async (temp) => {
    const received = await receiveRequestFile(req, temp(), PREVIEW_LIMIT);
    const { o, csv } = uploadOptions(req, received.fields);
    return previewFile(received.path, { originalName: received.filename, format: o.format, csv, complete: o.complete === "true" });
  });
}

/** The upload's options from the query string and form fields, checked, with the CSV ones parsed. */
function uploadOptions(req: Request, fields: Record<string, string>) {
  const given = { ...Object.fromEntries(new URL(req.url).searchParams), ...fields };
  const parsed = UploadOptionsSchema.safeParse(given);
  if (!parsed.success) throw Invalid.fromZod(parsed.error, "upload options");
  const o = parsed.data;
  // `?mdoe=append` must not replace the data, nor `?delimeter=;` read the file with a guessed one.
  refuseUnknownFields(given, o, "upload options", UploadOptionsSchema);
  const csv = CsvOptionsSchema.safeParse({
    delimiter: o.delimiter,
    decimal: o.decimal,
    encoding: o.encoding,
    header: o.header ? o.header === "true" : undefined,
    types: parseJsonOption(o.types, "types", 'a JSON object such as {"zip": "string"}'),
    nullValues: parseJsonOption(o.nullValues, "nullValues", 'a JSON array such as ["NA", "-"]'),
    dateFormat: o.dateFormat,
  });
  if (!csv.success) throw Invalid.fromZod(csv.error, "CSV options");
  return { o, csv: csv.data };
}

function parseJsonOption(text: string | undefined, field: string, expected: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid(`${field} must be ${expected}.`, [{ path: field, message: "not JSON" }]);
  }
}
