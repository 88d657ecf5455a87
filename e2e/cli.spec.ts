// The `roundhouse` CLI against the running product, as a user would use it from a terminal.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, waitForDemoData } from "./helpers";

const run = promisify(execFile);
const bin = path.resolve("packages/cli/bin/roundhouse.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-cli-e2e-"));
let env: NodeJS.ProcessEnv;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(api);
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const { token } = await (await api.post("/api/v1/tokens", { data: { name: "cli e2e" } })).json();
  env = { ...process.env, ROUNDHOUSE_URL: baseURL, ROUNDHOUSE_TOKEN: token };
});

const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { env, encoding: "utf8" });

test("jobs submit --watch runs the README's spec to success; logs and list show it", async () => {
  const spec = path.join(dir, "weather.json");
  fs.writeFileSync(
    spec,
    JSON.stringify({
      metadata: { name: "weather-gbdt", project: "cli" },
      data: { dataset: "seattle-weather", label: "weather" },
      train: { algorithm: "gbdt", params: { numTrees: 30 } },
    }),
  );
  const { stdout } = await cli("jobs", "submit", spec, "--watch", "--json");
  const job = JSON.parse(stdout);
  expect(job).toMatchObject({ status: "succeeded", run: { task: "multiclass" } });
  const logs = await cli("jobs", "logs", job.id);
  expect(logs.stdout).toContain("fit");
  const list = await cli("jobs", "list", "--project", "cli");
  expect(list.stdout).toContain(job.id);
  expect((await cli("jobs", "get", job.id)).stdout).toMatch(/fit\s+\d+\.\d+ s/);
});

test("a bad spec exits 2 naming the field; datasets upload and list work", async () => {
  const bad = path.join(dir, "bad.json");
  fs.writeFileSync(
    bad,
    JSON.stringify({ metadata: { name: "x" }, data: { dataset: "seattle-weather", label: "nope" }, train: { algorithm: "gbdt" } }),
  );
  const failed = await cli("jobs", "submit", bad).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  expect(failed?.code).toBe(2);
  expect(failed?.stderr).toContain("data.label");

  const csv = path.join(dir, "scores.csv");
  fs.writeFileSync(csv, "id,score\n1,0.5\n2,0.7\n");
  const up = JSON.parse((await cli("datasets", "upload", csv, "--name", "cli-scores", "--json")).stdout);
  expect(up).toMatchObject({ created: true, version: { rowCount: 2, datasetName: "cli-scores" } });
  expect((await cli("datasets", "list")).stdout).toContain("cli-scores");
});

test("models list and get show a trained model; promote asks, and a second person approves with promotions approve", async ({
  playwright,
  baseURL,
}) => {
  const name = `cli-registry-${Date.now().toString(36)}`;
  const spec = path.join(dir, "registry.json");
  fs.writeFileSync(
    spec,
    JSON.stringify({
      metadata: { name },
      data: { dataset: "seattle-weather", label: "weather" },
      train: { algorithm: "gbdt", params: { numTrees: 10 } },
    }),
  );
  await cli("jobs", "submit", spec, "--watch", "--json");
  expect((await cli("models", "list")).stdout).toMatch(new RegExp(`${name}\\s+multiclass\\s+v1 .*Accuracy`));
  expect((await cli("models", "get", name)).stdout).toMatch(/^v1 +gbdt .* on seattle-weather v1 {2}job [0-9a-f-]{36}$/m);

  const short = await cli("models", "promote", name, "1", "--justification", "ok").catch((e) => e);
  expect(short.code).toBe(2);
  expect(short.stderr).toContain("justification");
  const asked = JSON.parse(
    (await cli("models", "promote", name, "1", "--alias", "staging", "--justification", "first weather model, 10 trees", "--json")).stdout,
  );
  expect(asked).toMatchObject({ status: "pending", alias: "staging", version: 1 });

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.approver });
  const { token } = await (await api.post("/api/v1/tokens", { data: { name: "approver cli" } })).json();
  const asApprover = (...args: string[]) =>
    run(process.execPath, [bin, ...args], { env: { ...env, ROUNDHOUSE_TOKEN: token }, encoding: "utf8" });
  expect((await asApprover("promotions", "list", "--model", name)).stdout).toContain(`${asked.id}  pending   ${name} v1 → staging`);
  expect((await asApprover("promotions", "approve", asked.id, "--comment", "looks right")).stdout).toBe(
    `Approved: staging is now ${name} v1.\n`,
  );
  expect((await cli("models", "get", name)).stdout).toMatch(/^aliases: staging=v1 since /m);
});

test("audit export writes a signed trail that audit verify checks offline, and a tampered copy fails", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const { token } = await (await api.post("/api/v1/tokens", { data: { name: "auditor" } })).json();
  const asAdmin = { ...env, ROUNDHOUSE_TOKEN: token };
  const file = path.join(dir, "audit.jsonl");
  await run(process.execPath, [bin, "audit", "export", "--out", file], { env: asAdmin, encoding: "utf8" });
  const publicKey = path.join(
    process.env.TMPDIR ?? "/tmp",
    `roundhouse-e2e-${process.env.ROUNDHOUSE_E2E_PORT ?? 3100}`,
    "keys",
    "audit-signing.pub.pem",
  );
  const ok = await cli("audit", "verify", file, "--public-key", publicKey);
  expect(ok.stdout).toMatch(/^ok: \d+ events chained, [1-9]\d* signed checkpoint\(s\) verified/);

  // A copy with one event edited fails, naming the event (rehashing is caught by the signature: audit-checkpoints.int.test.ts).
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  lines[0].actorLabel = "someone-else";
  fs.writeFileSync(`${file}.tampered`, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const bad = await cli("audit", "verify", `${file}.tampered`, "--public-key", publicKey).catch((e) => e);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain("TAMPERED: event #1");
});
