// A small churn model in production, made through the API as a user would: the starting point of
// the retraining and monitoring specs.
import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { ACCOUNTS, ORIGIN } from "./helpers";

/** Customers with a plan, a tenure and support calls; churn follows calls and short tenure, with noise. */
export function customers(from: number, count: number): string {
  const rows = ["plan,tenure,calls,churned"];
  for (let i = from; i < from + count; i++) {
    const calls = (i * 7) % 9;
    const tenure = (i * 13) % 60;
    const plan = ["basic", "plus", "pro"][i % 3];
    const churned = calls + (tenure < 12 ? 3 : 0) + ((i * 31) % 5) > 8;
    rows.push(`${plan},${tenure},${calls},${churned ? "Yes" : "No"}`);
  }
  return `${rows.join("\n")}\n`;
}

export async function signedIn(baseURL: string, who: keyof typeof ACCOUNTS): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS[who] })).ok()).toBe(true);
  return api;
}

/** Uploads the first 600 customers as `dataset`, trains `model` v1 on them and puts it in production. */
export async function churnInProduction(
  engineer: APIRequestContext,
  approver: APIRequestContext,
  dataset: string,
  model: string,
  numTrees = 3,
) {
  const uploaded = await (
    await engineer.post(`/api/v1/datasets?name=${dataset}`, { data: customers(0, 600), headers: { "x-filename": "january.csv" } })
  ).json();
  const spec = {
    metadata: { name: model },
    data: { dataset, label: "churned" },
    train: { algorithm: "gbdt", params: { numTrees, maxDepth: 2 } },
  };
  const job = await (await engineer.post("/api/v1/jobs", { data: spec })).json();
  await expect
    .poll(async () => (await (await engineer.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 120_000 })
    .toBe("succeeded");
  const requested = await engineer.post(`/api/v1/models/${model}/promotions`, {
    data: { version: 1, alias: "production", justification: "the first version" },
  });
  expect(requested.status(), await requested.text()).toBe(201);
  const decided = await approver.post(`/api/v1/promotions/${(await requested.json()).id}/decision`, {
    data: { decision: "approved", comment: "ok" },
  });
  expect(decided.ok(), await decided.text()).toBe(true);
  return uploaded;
}
