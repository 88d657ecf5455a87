import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi.ts";

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
});
