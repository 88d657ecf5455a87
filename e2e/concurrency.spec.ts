import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, waitForDemoData } from "./helpers";

// Races a real client makes (a retrying script, a double click, a parallel upload job) get clean
// answers: never a 500 from a unique index.

test("20 concurrent submits with one Idempotency-Key make one job: one 201, the rest 200 with the same job", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(api);
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const spec = {
    metadata: { name: "weather-race", project: "e2e-concurrency" },
    data: { dataset: "seattle-weather", version: "latest", label: "weather" },
    train: { algorithm: "logistic_regression", params: {} },
  };
  const key = `race-${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => api.post("/api/v1/jobs", { data: spec, headers: { "idempotency-key": key } })),
  );
  const statuses = answers.map((a) => a.status()).sort();
  expect(statuses).toEqual([...Array(19).fill(200), 201]);
  const ids = new Set(await Promise.all(answers.map(async (a) => (await a.json()).id)));
  expect(ids.size).toBe(1);
  expect((await (await api.get("/api/v1/jobs?project=e2e-concurrency&kind=train")).json()).total).toBe(1);
});

test("10 concurrent uploads to one new dataset name: one 201, nine 409; 10 identical new versions: one version", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const name = `race-${Date.now()}`;
  const csv = (n: number) => `a,b\n${Array.from({ length: 50 }, (_, i) => `${i},${i * n}`).join("\n")}\n`;
  const upload = (body: string, url: string) =>
    api.post(url, { data: Buffer.from(body), headers: { "content-type": "application/octet-stream" } });

  const creates = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(csv(i + 1), `/api/v1/datasets?name=${name}&format=csv`)));
  expect(creates.map((r) => r.status()).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
  const conflict = await creates.find((r) => r.status() === 409)?.json();
  expect(conflict.errors).toEqual([{ path: "name", message: "already in use" }]);
  const created = creates.find((r) => r.status() === 201);
  const dataset = (await created?.json())?.version.datasetId;

  const versions = await Promise.all(Array.from({ length: 10 }, () => upload(csv(99), `/api/v1/datasets/${dataset}/versions?format=csv`)));
  expect(versions.map((r) => r.status()).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  const messages = await Promise.all(versions.filter((r) => r.status() === 200).map(async (r) => (await r.json()).message));
  for (const m of messages) expect(m).toMatch(/^Identical to version 2 of /);
  const detail = await (await api.get(`/api/v1/datasets/${dataset}`)).json();
  expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
});
