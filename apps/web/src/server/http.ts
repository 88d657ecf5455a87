import "server-only";
import { randomUUID } from "node:crypto";
import {
  type AnyRouteDeclaration,
  Invalid,
  JSON_BODY_BYTES,
  RoundhouseError,
  refuseUnknownFields,
  TooManyRequests,
  toProblem,
  usableRequestId,
} from "@roundhouse/contracts";
import type { z } from "zod";
import { authenticate, authorize, type Caller } from "@/features/auth/server/caller";
import { assertSameOrigin } from "./csrf";
import { assertDeclaredAnswer } from "./declared-answer";
import { readJson } from "./read-json";

type Schema = z.ZodType;
type Declaration = AnyRouteDeclaration;
type Part<D extends Declaration, K extends "params" | "query" | "headers" | "body"> = [NonNullable<D[K]>] extends [never]
  ? undefined
  : z.output<NonNullable<D[K]>>;
// void: a handler of a route without a body (204) returns nothing.
// biome-ignore lint/suspicious/noConfusingVoidType: it is the handler's return type
type Answer<D extends Declaration> = [NonNullable<D["response"]>] extends [never] ? void : z.input<NonNullable<D["response"]>>;

export interface RouteInput<D extends Declaration> {
  req: Request;
  requestId: string;
  /** The authenticated caller, already holding the declared permission; none on public routes. */
  caller: D["access"] extends "public" ? undefined : Caller;
  params: Part<D, "params">;
  query: Part<D, "query">;
  headers: Part<D, "headers">;
  body: Part<D, "body">;
}

/** An answer with another declared status than the route's default (e.g. 200: "nothing new"). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}
export const reply = <T>(status: number, body: T) => new Reply(status, body);

// The response check costs a JSON round trip and a parse: on in development and in the e2e server.
const CHECK_RESPONSES = process.env.NODE_ENV === "development" || process.env.ROUNDHOUSE_CHECK_RESPONSES === "1";

/**
 * A route handler from its declaration (packages/contracts/src/routes): authenticates the caller
 * and checks the declared permission, refuses cross-site writes, reads the body up to its limit,
 * parses params, query, headers and body with the declared schemas (400 naming each problem), and turns
 * typed service errors into RFC 9457 problem+json. Anything else is logged with the request id and
 * answered as a bare 500, so driver text and paths never reach the caller.
 */
export function route<D extends Declaration>(
  declaration: D,
  handler: (input: RouteInput<D>) => Promise<Answer<D> | Reply<Answer<D>> | Response>,
) {
  const decl = declaration as AnyRouteDeclaration;
  return async (req: Request, next: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      assertSameOrigin(req);
      const rawParams = await next.params;
      assertNoNul(req, rawParams);
      const { access } = decl;
      const caller = access === "public" ? undefined : await authenticate(req, requestId);
      if (caller && typeof access === "string" && access !== "public") authorize(caller, access);
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      const query = decl.query ? parseWith(decl.query, rawQuery, "query") : undefined;
      // A misspelt filter (`?stauts=failed`) would be dropped and the whole list answered as if asked
      // for; so would any parameter of a route that takes none (`GET /api/v1/models?limit=5`).
      refuseUnknownFields(rawQuery, query ?? {}, "query", decl.query);
      if (caller && typeof access === "function") authorize(caller, access(query));
      const params = decl.params ? parseWith(decl.params, rawParams, "path") : undefined;
      const headers = decl.headers ? parseWith(decl.headers, declaredHeaders(req, decl.headers), "header") : undefined;
      let body: unknown;
      if (decl.body) {
        const raw = await readJson(req, decl.maxBodyBytes ?? JSON_BODY_BYTES);
        body = decl.parseBody ? decl.parseBody(raw) : parseWith(decl.body, raw, "body");
        refuseUnknownFields(raw, body, "body", decl.body);
      }
      const input = { req, requestId, caller, params, query, headers, body } as RouteInput<D>;
      const res = toResponse(decl, await handler(input), requestId, req);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      if (err instanceof RoundhouseError) return problem(err, requestId);
      console.error(`[${requestId}] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return problem(new RoundhouseError("internal", `Something went wrong on our side (request ${requestId}).`), requestId);
    }
  };
}

function toResponse(decl: AnyRouteDeclaration, result: unknown, requestId: string, req: Request): Response {
  if (result instanceof Response) return result;
  if (result === undefined && !decl.response) return new Response(null, { status: decl.status });
  const { status, body } = result instanceof Reply ? result : { status: decl.status, body: result };
  const text = JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  if (CHECK_RESPONSES) assertDeclaredAnswer(decl, status, text, `[${requestId}] ${req.method} ${decl.path}`);
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

/** The request's values of the headers a route declares (absent ones left out). */
function declaredHeaders(req: Request, declared: z.ZodObject): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(declared.shape)) {
    const value = req.headers.get(name);
    if (value !== null) values[name] = value;
  }
  return values;
}

function parseWith<S extends Schema>(schema: S, value: unknown, where: "path" | "query" | "header" | "body"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw Invalid.fromZod(parsed.error, where);
  return parsed.data;
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
