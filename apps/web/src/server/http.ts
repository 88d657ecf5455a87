import "server-only";
import { randomUUID } from "node:crypto";
import {
  assertStorableJson,
  Invalid,
  PayloadTooLarge,
  RoundhouseError,
  TooManyRequests,
  toProblem,
  usableRequestId,
} from "@roundhouse/contracts";
import type { z } from "zod";
import { assertSameOrigin } from "./csrf";

export interface RouteContext<P> {
  requestId: string;
  params: P;
}

type Handler<P> = (req: Request, ctx: RouteContext<P>) => Promise<Response>;

/**
 * The one place errors become HTTP: typed service errors map to RFC 9457 problem+json with their
 * field problems; anything else is logged with the request id and answered as a bare 500.
 */
export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, next: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      assertSameOrigin(req);
      const params = await next.params;
      assertNoNul(req, params);
      const res = await handler(req, { requestId, params });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      if (err instanceof RoundhouseError) return problem(err, requestId);
      console.error(`[${requestId}] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return problem(new RoundhouseError("internal", `Something went wrong on our side (request ${requestId}).`), requestId);
    }
  };
}

function requestIdOf(req: Request): string {
  return usableRequestId(req.headers.get("x-request-id")) ?? randomUUID();
}

/** PostgreSQL text cannot hold a NUL byte: one in the address is the caller's error, not a 500. */
function assertNoNul(req: Request, params: unknown) {
  const url = new URL(req.url);
  const where = [...url.searchParams].find(([k, v]) => k.includes("\0") || v.includes("\0"))?.[0];
  const param = Object.entries((params ?? {}) as Record<string, unknown>).find(([, v]) => typeof v === "string" && v.includes("\0"))?.[0];
  if (where !== undefined || param !== undefined || url.pathname.toLowerCase().includes("%00")) {
    const path = where ?? param ?? "";
    throw new Invalid(`The request's ${where !== undefined ? `query parameter "${where}"` : "address"} contains a NUL byte (%00).`, [
      { path, message: "contains a NUL byte" },
    ]);
  }
}

export function problem(err: RoundhouseError, requestId: string): Response {
  const headers: Record<string, string> = { "content-type": "application/problem+json", "x-request-id": requestId };
  if (err instanceof TooManyRequests) headers["retry-after"] = String(err.retryAfterSeconds);
  return new Response(JSON.stringify(toProblem(err, requestId)), { status: err.status, headers });
}

export function json(body: unknown, status = 200): Response {
  return new Response(
    JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    {
      status,
      headers: { "content-type": "application/json" },
    },
  );
}

/** JSON bodies are small: specs, requests and comments. Predict allows more (PREDICT_BODY_BYTES). */
export const JSON_BODY_BYTES = 1024 * 1024;
export const PREDICT_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads a JSON body of at most `maxBytes`: a larger Content-Length is refused before reading, and
 * a body that streams past the limit is cut off there, so a 50 MB field is never held in memory.
 */
export async function readJson(
  req: Request,
  maxBytes = JSON_BODY_BYTES,
  invalid = "The request body must be JSON (Content-Type: application/json).",
): Promise<unknown> {
  const tooLarge = () => new PayloadTooLarge(maxBytes, "The request body", "", "");
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
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
    throw new Invalid(invalid, [{ path: "", message: "not valid JSON" }]);
  }
  assertStorableJson(raw);
  return raw;
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = JSON_BODY_BYTES): Promise<z.infer<S>> {
  const raw = await readJson(req, maxBytes);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw Invalid.fromZod(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw Invalid.fromZod(parsed.error, "query");
  return parsed.data;
}
