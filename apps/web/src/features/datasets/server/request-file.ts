import "server-only";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Invalid, PayloadTooLarge } from "@roundhouse/contracts";
import { assertDiskRoom, maxUploadBytes, type ReceivedFile, receiveUpload } from "@roundhouse/data";
import busboy from "busboy";

export interface RequestFile extends ReceivedFile {
  filename?: string;
  /** Other multipart form fields (name, description...), alongside the query string. */
  fields: Record<string, string>;
}

/**
 * The uploaded file of a request, streamed to `dest`: either the raw body (the dashboard sends
 * that, with a progress bar) or the `file` part of multipart/form-data (curl -F file=@data.csv).
 */
export async function receiveRequestFile(req: Request, dest: string, limit = maxUploadBytes()): Promise<RequestFile> {
  // Refuse before reading a byte when the client says up front that it is too large, or that it
  // would leave the disk below its reserve.
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > limit) throw new PayloadTooLarge(limit);
  assertDiskRoom(path.dirname(dest), length);
  if (!req.body)
    throw new Invalid("The request has no body: send the file as the body or as the 'file' field of a form.", [
      { path: "file", message: "missing" },
    ]);
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    const filename = req.headers.get("x-filename") ?? undefined;
    return { ...(await receiveUpload(req.body as unknown as AsyncIterable<Uint8Array>, dest, limit)), filename, fields: {} };
  }
  return new Promise<RequestFile>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let upload: Promise<ReceivedFile> | undefined;
    let filename: string | undefined;
    const parser = busboy({ headers: { "content-type": type } });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || upload) {
        stream.resume();
        return;
      }
      filename = info.filename;
      upload = receiveUpload(stream, dest, limit);
      upload.catch(() => stream.resume());
    });
    parser.on("error", reject);
    parser.on("close", () => {
      if (!upload) return reject(new Invalid("The form has no 'file' field.", [{ path: "file", message: "missing" }]));
      upload.then((file) => resolve({ ...file, filename, fields }), reject);
    });
    Readable.fromWeb(req.body as unknown as NodeReadableStream).pipe(parser);
  });
}
