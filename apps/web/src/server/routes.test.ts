import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as contracts from "@roundhouse/contracts";
import { type AnyRouteDeclaration, API_ROUTES, authRoutes, jobRoutes, modelRoutes } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { assertDeclaredAnswer } from "./declared-answer";

const app = join(import.meta.dirname, "../app");
const groups = Object.entries(contracts).filter(([name]) => name.endsWith("Routes")) as [string, Record<string, AnyRouteDeclaration>][];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

describe("declared routes", () => {
  it("serves every declaration from the file at its path, through route(declaration)", () => {
    const served = groups.flatMap(([group, routes]) => Object.entries(routes).map(([key, r]) => ({ ref: `${group}.${key}`, r })));
    expect(served.length).toBe(API_ROUTES.length);
    for (const r of API_ROUTES)
      expect(
        served.some((s) => s.r === r),
        `${r.method} ${r.path} is in a group`,
      ).toBe(true);
    for (const { ref, r } of served) {
      const file = join(app, r.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      expect(existsSync(file), `${ref}: ${file}`).toBe(true);
      expect(readFileSync(file, "utf8"), ref).toMatch(new RegExp(`export const ${r.method} = route\\(${ref.replace(".", "\\.")},`));
    }
  });

  it("declares every handler a route file exports (nothing reaches the API undeclared)", () => {
    const files = routeFiles(join(app, "api"));
    expect(files.length).toBe(new Set(API_ROUTES.map((r) => r.path)).size);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const exported = [...text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)];
      const declared = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\w+Routes\.\w+,/g)];
      expect(declared.length, relative(app, file)).toBe(exported.length);
    }
  });

  it("keeps every schema in contracts: route files define none", () => {
    for (const file of routeFiles(join(app, "api"))) {
      expect(readFileSync(file, "utf8"), relative(app, file)).not.toMatch(/from "zod"/);
    }
  });

  it("limits every JSON body, predict to 4 MB and the rest to 1 MB", () => {
    expect(modelRoutes.predict.maxBodyBytes).toBe(4 * 1024 * 1024);
    for (const r of API_ROUTES.filter((r) => r.body && r !== modelRoutes.predict)) expect(r.maxBodyBytes).toBeUndefined();
    expect(contracts.JSON_BODY_BYTES).toBe(1024 * 1024);
  });
});

describe("the response check (development and e2e)", () => {
  const job = jobRoutes.get as AnyRouteDeclaration;

  it("accepts what the declaration describes", () => {
    expect(() => assertDeclaredAnswer(authRoutes.signOut as AnyRouteDeclaration, 204, "", "sign-out")).not.toThrow();
    const user = {
      id: crypto.randomUUID(),
      email: "ada@example.com",
      name: "A",
      role: "viewer",
      disabled: false,
      createdAt: new Date().toISOString(),
    };
    expect(() => assertDeclaredAnswer(authRoutes.me as AnyRouteDeclaration, 200, JSON.stringify(user), "me")).not.toThrow();
  });

  it("names the field a body gets wrong, and an undeclared status", () => {
    expect(() => assertDeclaredAnswer(job, 200, JSON.stringify({ id: "not-a-uuid" }), "GET /jobs/x")).toThrow(
      /GET \/jobs\/x .*id: Invalid UUID/,
    );
    expect(() => assertDeclaredAnswer(job, 201, "{}", "GET /jobs/x")).toThrow(/status 201 is not declared/);
  });
});
