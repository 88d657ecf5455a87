import { assertStorableJson, Invalid, PayloadTooLarge } from "@roundhouse/contracts";

/**
 * Reads a JSON body of at most `maxBytes`: a larger Content-Length is refused before reading, and
 * a body that streams past the limit is cut off there, so a 50 MB field is never held in memory. A
 * body whose connection closes before its end is the caller's (400), not a failure of ours: a
 * client hanging up mid-request once logged a 500 with a stack trace per request.
 */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new PayloadTooLarge(maxBytes, "The request body", "", "");
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read().catch(() => {
      throw new Invalid("The request body was cut off: the connection closed before the body ended.", [
        { path: "", message: "incomplete body" },
      ]);
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new Invalid("The request body must be JSON (Content-Type: application/json).", [{ path: "", message: "not valid JSON" }]);
  }
  assertStorableJson(raw);
  return raw;
}
