import "server-only";
import { Forbidden, RoundhouseError } from "@roundhouse/contracts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// What the dashboard sends: JSON, and uploads as raw bytes or a form. A cross-site HTML form can
// send text/plain or urlencoded bodies without a preflight; those never reach a handler.
const BODY_TYPES = new Set(["application/json", "application/octet-stream", "multipart/form-data"]);

/**
 * Cookie-authenticated writes (and sign-in) must come from the dashboard's own origin: SameSite=Lax
 * still sends the cookie from another port of the same host, so the browser's Origin (or Referer)
 * is checked against the Host the request was sent to. Calls with an API token carry no ambient
 * authority and are not checked.
 */
export function assertSameOrigin(req: Request): void {
  if (!UNSAFE.has(req.method) || req.headers.has("authorization")) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const from = req.headers.get("origin") ?? req.headers.get("referer");
  if (!host || !from || hostOf(from) !== host.toLowerCase()) {
    throw new Forbidden(
      "Cross-site request refused: a signed-in write must come from the Roundhouse dashboard itself (Origin must match the host). Scripts should use an API token (Authorization: Bearer).",
    );
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const hasBody = Number(req.headers.get("content-length") ?? 0) > 0 || req.headers.has("transfer-encoding");
  if ((type || hasBody) && !BODY_TYPES.has(type)) {
    throw new RoundhouseError(
      "unsupported_media_type",
      `Send the body as application/json${type ? `, not ${type}` : " (no Content-Type was given)"}; uploads as application/octet-stream or multipart/form-data.`,
    );
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}
