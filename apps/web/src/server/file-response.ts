import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";

/** A file streamed as a download; `after` runs once it is sent or the client goes away (e.g. remove a temp file). */
export function fileResponse(file: string, name: string, type: string, after?: () => void): Response {
  const stream = fs.createReadStream(file);
  if (after) stream.once("close", after);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": type,
      "content-length": String(fs.statSync(file).size),
      // The name is ours (dataset and model names are checked), quoted and stripped of quotes anyway.
      "content-disposition": `attachment; filename="${name.replace(/["\\\r\n]/g, "_")}"`,
    },
  });
}
