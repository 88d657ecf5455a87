import "server-only";
import { randomUUID } from "node:crypto";
import { Invalid, RoundhouseError, toProblem } from "@roundhouse/contracts";
import type { z } from "zod";

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
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const res = await handler(req, { requestId, params: await next.params });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      if (err instanceof RoundhouseError) return problem(err, requestId);
      console.error(`[${requestId}] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return problem(new RoundhouseError("internal", `Something went wrong on our side (request ${requestId}).`), requestId);
    }
  };
}

export function problem(err: RoundhouseError, requestId: string): Response {
  return new Response(JSON.stringify(toProblem(err, requestId)), {
    status: err.status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId },
  });
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
