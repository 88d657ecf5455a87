// A route declared once: who may call it, what it reads (path, query, body, with their limits) and
// what it answers. The web app's route() enforces a declaration and the OpenAPI document is
// generated from the same objects, so the two cannot drift.
import type { z } from "zod";
import type { Permission } from "../roles.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Specs, requests and comments are small; predict allows more (as `roundhouse serve` does). */
export const JSON_BODY_BYTES = 1024 * 1024;
export const PREDICT_BODY_BYTES = 4 * 1024 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

/** Error answers a route can give beyond the ones its declaration implies (401/403/400/413). */
export type ErrorStatus = 400 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * "public": no caller is resolved. Otherwise the caller (session cookie or Bearer token) must hold
 * the permission; a function chooses it from the parsed query (a dry run only reads).
 */
export type Access<Q extends Schema | undefined = Schema | undefined> = "public" | Permission | ((query: Out<Q>) => Permission);

export interface RouteDeclaration<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema | undefined = Schema | undefined,
  A extends Access<Q> = Access<Q>,
  H extends z.ZodObject | undefined = z.ZodObject | undefined,
> {
  method: HttpMethod;
  /** OpenAPI form, e.g. `/api/v1/jobs/{id}`; the route file lives at the matching folder. */
  path: `/api/v1/${string}`;
  summary: string;
  access: A;
  params?: P;
  query?: Q;
  /** A JSON body, read up to `maxBodyBytes` while streaming and parsed with this schema. */
  body?: B;
  /** Parses the body instead of `body.safeParse` when it reports problems its own way (the spec). */
  parseBody?: (raw: unknown) => Out<B>;
  maxBodyBytes?: number;
  /** A file body the handler streams to disk itself, under ROUNDHOUSE_MAX_UPLOAD_BYTES. */
  upload?: { description: string };
  /** Request headers (e.g. Idempotency-Key), keyed by lower-case name: parsed like the query (400 naming the header). */
  headers?: H;
  /** The success answer: its status, and the JSON body's schema (none: 204, or `produces`). */
  status: 200 | 201 | 202 | 204;
  response?: R;
  description?: string;
  /** Other success statuses that answer the same schema, e.g. 200 for "identical, nothing new". */
  alsoStatus?: Partial<Record<200 | 201 | 503, string>>;
  /** A non-JSON success body (streamed by the handler), e.g. "application/x-ndjson". */
  produces?: string;
  errors?: Partial<Record<ErrorStatus, string>>;
}

export type AnyRouteDeclaration = RouteDeclaration<
  Schema | undefined,
  Schema | undefined,
  Schema | undefined,
  Schema | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: a list of routes holds every query type
  Access<any>,
  z.ZodObject | undefined
>;

/** Identity, for inference: the handler's params, query, headers, body and result types come from here. */
export function declareRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  A extends Access<Q> = Access<Q>,
  H extends z.ZodObject | undefined = undefined,
>(declaration: RouteDeclaration<P, Q, B, R, A, H>): RouteDeclaration<P, Q, B, R, A, H> {
  return declaration;
}
