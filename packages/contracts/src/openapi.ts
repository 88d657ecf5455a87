// The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the route declarations
// the web app enforces (routes/): one object per route, so the document cannot drift from it.

import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ProblemSchema } from "./api/common.ts";
import { type AnyRouteDeclaration, API_ROUTES, JSON_BODY_BYTES } from "./routes/index.ts";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

const binary = z.string().meta({ format: "binary" });

function requestBody(r: AnyRouteDeclaration): ZodOpenApiOperationObject["requestBody"] {
  if (r.upload) {
    return {
      description: r.upload.description,
      content: {
        "application/octet-stream": { schema: binary },
        "multipart/form-data": { schema: z.object({ file: binary, name: z.string().optional() }) },
      },
    };
  }
  if (r.body) return { required: true, content: { "application/json": { schema: r.body } } };
  return undefined;
}

/** The answers a declaration implies (auth, validation, size) plus the ones it lists. */
function errorResponses(r: AnyRouteDeclaration) {
  const out: Record<string, ReturnType<typeof problem>> = {};
  if (r.params || r.query || r.body) out["400"] = problem("Invalid path, query or body: every problem by path");
  if (r.access !== "public") {
    out["401"] = problem("Not signed in and no valid API token");
    if (r.access !== "read") out["403"] = problem("Role not allowed");
  }
  if (r.body) out["413"] = problem(`Body larger than ${r.maxBodyBytes ?? JSON_BODY_BYTES} bytes`);
  for (const [status, description] of Object.entries(r.errors ?? {})) out[status] = problem(description);
  return out;
}

function successResponses(r: AnyRouteDeclaration) {
  const content = r.response
    ? { "application/json": { schema: r.response } }
    : r.produces
      ? { [r.produces]: { schema: z.string() } }
      : undefined;
  const out: Record<string, { description: string; content?: typeof content }> = {
    [r.status]: { description: r.description ?? "OK", ...(content ? { content } : {}) },
  };
  for (const [status, description] of Object.entries(r.alsoStatus ?? {})) out[status] = { description, content };
  return out;
}

function operation(r: AnyRouteDeclaration): ZodOpenApiOperationObject {
  const access = typeof r.access === "function" ? "depends on the request (see summary)" : r.access;
  return {
    summary: r.summary,
    description: r.access === "public" ? "No authentication." : `Permission: ${access}.`,
    ...(r.access === "public" ? { security: [] } : {}),
    requestParams: {
      ...(r.params ? { path: r.params as z.ZodObject } : {}),
      ...(r.query ? { query: r.query as z.ZodObject } : {}),
      ...(r.headers ? { header: r.headers } : {}),
    },
    requestBody: requestBody(r),
    responses: { ...successResponses(r), ...errorResponses(r) },
  };
}

export function openApiDocument(version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of API_ROUTES) {
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation(r) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Roundhouse API",
      version,
      description:
        "Train, evaluate, register, promote and serve models. Authenticate with 'Authorization: Bearer <token>' " +
        "(create a token in the dashboard under Settings, or POST /api/v1/tokens). Errors are RFC 9457 problem+json.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "roundhouse_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  });
}
