import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi.ts";
import { API_ROUTES } from "./routes/index.ts";

describe("OpenAPI document", () => {
  const doc = openApiDocument("1.2.3");

  it("is OpenAPI 3.1 with the routes the web app serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.version).toBe("1.2.3");
    expect(Object.keys(doc.paths ?? {})).toEqual(
      expect.arrayContaining([
        "/api/v1/health",
        "/api/v1/auth/sign-in",
        "/api/v1/users",
        "/api/v1/tokens",
        "/api/v1/audit-events",
        "/api/v1/jobs",
        "/api/v1/runs",
        "/api/v1/runs/{id}",
        "/api/v1/dataset-versions/{id}/days",
        "/api/v1/models/{name}/predict",
        "/api/v1/promotions/{id}/decision",
        "/api/v1/decisions/{id}",
      ]),
    );
  });

  it("describes request bodies from the same zod schemas the routes validate with", () => {
    const schemas = doc.components?.schemas ?? {};
    const createUser = schemas.CreateUserRequest as {
      required?: string[];
      properties?: Record<string, { enum?: string[]; minLength?: number }>;
    };
    expect(createUser.required).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
    expect(createUser.properties?.role?.enum).toEqual(["viewer", "engineer", "approver", "admin"]);
    expect(createUser.properties?.password?.minLength).toBe(10);
    expect(schemas.Problem).toBeDefined();
  });

  it("has one operation per declared route, with the answers the declaration implies", () => {
    const operations = Object.values(doc.paths ?? {}).flatMap((item) => Object.keys(item ?? {}));
    expect(operations.length).toBe(API_ROUTES.length);
    type Op = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>; security?: unknown[] };
    const paths = (doc.paths ?? {}) as Record<string, Record<string, Op>>;
    const op = (path: string, method: string) => paths[path]?.[method] as Op;
    const decide = op("/api/v1/promotions/{id}/decision", "post");
    expect(Object.keys(decide.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413"]);
    expect(decide.responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/PromotionRequest");
    expect(op("/api/v1/decisions/{id}", "get").responses["200"]?.content?.["application/json"]?.schema?.$ref).toBe(
      "#/components/schemas/DecisionDetail",
    );
    expect(op("/api/v1/models/{name}/predict", "post").responses["413"]).toBeDefined();
    expect(op("/api/v1/health", "get").security).toEqual([]);
    expect(op("/api/v1/health", "get").responses["401"]).toBeUndefined();
  });

  it("documents every successful JSON answer with a schema (no untyped responses)", () => {
    for (const r of API_ROUTES) {
      expect(r.response !== undefined || r.status === 204 || r.produces !== undefined, `${r.method} ${r.path}`).toBe(true);
    }
  });
});
