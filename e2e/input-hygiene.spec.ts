// Input that used to reach PostgreSQL and come back as a 500: NUL bytes in the address or the
// body, numbers out of range, a request id of any size, JSON nested 100,000 deep. Each is a 400
// that names the field, or is replaced, and nothing is stored.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN } from "./helpers";

test("NUL bytes, out-of-range numbers and absurd nesting get a 400 naming the field; odd request ids are replaced", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin })).ok()).toBe(true);

  for (const [url, field] of [
    ["/api/v1/datasets?q=a%00b", "q"],
    ["/api/v1/decisions?model=a%00b", "model"],
    ["/api/v1/decisions?output=%00", "output"],
    ["/api/v1/audit-events?entityId=x%00", "entityId"],
    ["/api/v1/audit-events?before=9999999999999999999999", "before"],
  ] as const) {
    const res = await api.get(url);
    expect(res.status(), url).toBe(400);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const body = await res.json();
    expect(body.errors[0].path, url).toBe(field);
    expect(JSON.stringify(body)).not.toMatch(/prisma|postgres|duckdb|\/tmp\//i);
  }
  expect((await api.get("/api/v1/models/%00")).status()).toBe(400);

  const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
  const nested = await api.post("/api/v1/models/anything/predict", { data: deep, headers: { "content-type": "application/json" } });
  expect(nested.status()).toBe(400);
  expect((await nested.json()).detail).toContain("nested more than 64 levels");
  const nul = await api.post("/api/v1/users", {
    data: { email: "nul@example.com", name: "a\u0000b", role: "viewer", password: "0123456789ab" },
  });
  expect(nul.status()).toBe(400);
  expect((await nul.json()).errors[0].path).toBe("name");

  const long = await api.get("/api/v1/health", { headers: { "x-request-id": "x".repeat(8192) } });
  expect(long.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const kept = await api.get("/api/v1/health", { headers: { "x-request-id": "trace-42" } });
  expect(kept.headers()["x-request-id"]).toBe("trace-42");
});

test("bodies past the route's limit get 413 before they are stored: specs 1 MB, predictions 4 MB", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const decisionsBefore = (await (await api.get("/api/v1/decisions?limit=1")).json()).items?.[0]?.id ?? null;

  const spec = await api.post("/api/v1/jobs", {
    data: {
      metadata: { name: "big", description: "x".repeat(2 * 1024 * 1024) },
      data: { dataset: "a", label: "b" },
      train: { algorithm: "gbdt" },
    },
  });
  expect(spec.status()).toBe(413);
  expect((await spec.json()).detail).toBe("The request body is larger than the limit of 1.0 MB.");

  const field = await api.post("/api/v1/models/anything/predict", { data: { note: "x".repeat(50 * 1024 * 1024) } });
  expect(field.status()).toBe(413);
  expect((await field.json()).detail).toContain("4.0 MB");
  expect((await (await api.get("/api/v1/decisions?limit=1")).json()).items?.[0]?.id ?? null).toBe(decisionsBefore);

  // Within the limit the same routes answer as usual (here: no such model).
  expect((await api.post("/api/v1/models/anything/predict", { data: { note: "x".repeat(1024 * 1024) } })).status()).toBe(404);

  // A predict call with an API token skips Next.js (apps/web/server.ts): the same limits and answers.
  const { token } = await (await api.post("/api/v1/tokens", { data: { name: "e2e hygiene" } })).json();
  const byToken = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const huge = await byToken.post("/api/v1/models/anything/predict", { data: { note: "x".repeat(50 * 1024 * 1024) } });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).detail).toBe("The request body is larger than the limit of 4.0 MB.");
  const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
  const nested = await byToken.post("/api/v1/models/anything/predict", { data: deep, headers: { "content-type": "application/json" } });
  expect(nested.status()).toBe(400);
  expect((await nested.json()).detail).toContain("nested more than 64 levels");
  expect((await byToken.post("/api/v1/models/anything/predict?version=%00", { data: {} })).status()).toBe(400);
  expect((await byToken.post("/api/v1/models/anything/predict", { data: { note: "x" } })).status()).toBe(404);
  expect((await (await api.get("/api/v1/decisions?limit=1")).json()).items?.[0]?.id ?? null).toBe(decisionsBefore);
  await byToken.dispose();
});
