import "server-only";
import { randomUUID } from "node:crypto";
import { Invalid, RoundhouseError, TooManyRequests, toProblem } from "@roundhouse/contracts";
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

// A caller's request id is kept (and logged, and stored with decisions) only when it is short and
// printable; anything else is replaced, so it cannot bloat rows or forge log lines.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
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

/**
 * A parsed JSON body the database can take: no NUL characters in strings or keys (PostgreSQL
 * rejects them) and nesting at most MAX_DEPTH deep (a 100k-deep value overflowed the stack when
 * it was written back out). Walked without recursion.
 */
const MAX_DEPTH = 64;

export function assertStorableJson(value: unknown): void {
  const stack: [unknown, string, number][] = [[value, "", 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === "string") {
      if (v.includes("\0"))
        throw new Invalid(`The body has a NUL character at ${path || "the top"}.`, [{ path, message: "contains a NUL character" }]);
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_DEPTH)
        throw new Invalid(`The body is nested more than ${MAX_DEPTH} levels deep.`, [
          { path, message: `nested deeper than ${MAX_DEPTH} levels` },
        ]);
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes("\0"))
          throw new Invalid("The body has a NUL character in a key.", [{ path: at, message: "key contains a NUL character" }]);
        stack.push([child, at, depth + 1]);
      }
    }
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

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new Invalid("The request body must be JSON (Content-Type: application/json).", [{ path: "", message: "not valid JSON" }]);
  }
  assertStorableJson(raw);
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
