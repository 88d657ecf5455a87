/// <reference lib="dom" />
// `pnpm bench:ui`: how fast the dashboard's heaviest pages draw, measured in Chromium against the
// real product (built app, embedded PostgreSQL, worker). The jobs page with 10,000 jobs in the
// database (time to the first page of the table, newest first and sorted by the headline metric),
// the audit explorer with 1,000,000 events filtered by actor and time, and the compare page with 20
// runs (time until every chart is drawn). Targets: under 1 s each. Prints the median of 5 loads.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, request as playwrightRequest } from "@playwright/test";
import { createDb } from "@roundhouse/db";

// The e2e launcher derives the database port from this one (port + 51239), so it stays low.
const port = Number(process.env.ROUNDHOUSE_BENCH_PORT ?? 3400);
const pgPort = port + 51239;
const base = `http://localhost:${port}`;
const server = spawn("bash", ["scripts/e2e-server.sh", String(port)], { stdio: ["ignore", "pipe", "inherit"], detached: true });
server.stdout.on("data", () => undefined);
const stop = () => {
  if (server.pid) process.kill(-server.pid, "SIGINT");
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error("the product did not start in 120 s");
    if (
      await fetch(`${base}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const api = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  await api.post("/api/v1/auth/sign-in", { data: { email: "engineer@roundhouse.local", password: "engineer-roundhouse" } });
  for (;;) {
    const names = ((await (await api.get("/api/v1/datasets")).json()).items ?? []).map((d: { name: string }) => d.name);
    if (names.includes("flights-2001")) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  // One real run (with curves, loss and importances) to copy into 19 more.
  const spec = {
    metadata: { name: "bench-ui" },
    data: { dataset: "flights-2001", label: "delayed", features: ["distance", "origin", "destination"] },
    train: { algorithm: "gbdt", params: { numTrees: 20, maxDepth: 4 } },
  };
  const job = await (await api.post("/api/v1/jobs", { data: spec })).json();
  let runId = "";
  for (;;) {
    const j = await (await api.get(`/api/v1/jobs/${job.id}`)).json();
    if (j.status === "succeeded") {
      runId = j.run.id;
      break;
    }
    if (j.status === "failed") throw new Error(`the seed job failed: ${j.error?.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }

  // The e2e server's PostgreSQL keeps its random owner password beside the cluster (scripts/e2e-server.sh's home).
  const home = path.join(process.env.TMPDIR ?? "/tmp", `roundhouse-e2e-${port}`);
  const { owner } = JSON.parse(fs.readFileSync(path.join(home, "postgres", "passwords.json"), "utf8")) as { owner: string };
  const db = createDb(`postgresql://roundhouse:${encodeURIComponent(owner)}@127.0.0.1:${pgPort}/roundhouse`, 2);
  const started = performance.now();
  await db.$executeRawUnsafe(
    `INSERT INTO training_jobs (id, kind, name, project, owner_id, spec, status, priority, attempts, progress, step_timings,
        created_at, started_at, finished_at, updated_at)
     SELECT gen_random_uuid(), 'train', 'bench-ui-' || g, project, owner_id, spec, 'succeeded', 0, 1, progress, step_timings,
        created_at - g * interval '1 minute', started_at - g * interval '1 minute', finished_at - g * interval '1 minute', now()
     FROM training_jobs, generate_series(1, 9999) g WHERE id = $1::uuid`,
    job.id,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO training_job_datasets (job_id, dataset_version_id)
     SELECT j.id, d.dataset_version_id FROM training_jobs j, training_job_datasets d WHERE d.job_id = $1::uuid AND j.id <> $1::uuid`,
    job.id,
  );
  // 19 copies of the run on 19 of the jobs, each with its own numTrees and a slightly different AUC.
  await db.$executeRawUnsafe(
    `INSERT INTO runs (id, job_id, algorithm, task, params, metrics, evaluation, importances, rows_train, rows_holdout, created_at, finished_at)
     SELECT gen_random_uuid(), j.id, r.algorithm, r.task,
            jsonb_set(r.params, '{numTrees}', to_jsonb(10 + j.n * 5)),
            jsonb_set(r.metrics, '{auc}', to_jsonb((r.metrics->>'auc')::float + (j.n - 10) * 0.001)),
            r.evaluation, r.importances, r.rows_train, r.rows_holdout, now(), now()
     FROM runs r, (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n FROM training_jobs WHERE name LIKE 'bench-ui-%' LIMIT 19) j
     WHERE r.id = $1::uuid`,
    runId,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO metric_points (job_id, attempt, name, iteration, value)
     SELECT r.job_id, r.attempt, p.name, p.iteration, p.value * (1 + (random() - 0.5) * 0.02)
     FROM runs r, metric_points p WHERE p.job_id = $1::uuid AND r.job_id <> $1::uuid`,
    job.id,
  );
  // A million audit events from ten actors over 30 days. Written straight into the table (their
  // hashes do not chain: this database is thrown away), as fast as PostgreSQL can.
  await db.$executeRawUnsafe(
    `INSERT INTO audit_events (id, at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
     SELECT gen_random_uuid(), now() - (g * interval '2.592 seconds'), NULL, 'bench-' || (g % 10) || '@example.com',
            (ARRAY['job.submit', 'job.claimed', 'job.succeeded', 'auth.sign-in', 'promotion.requested'])[1 + g % 5],
            'training-job', gen_random_uuid()::text, NULL, jsonb_build_object('n', g), NULL,
            md5(g::text) || md5((g + 1)::text), md5((g + 2)::text) || md5(g::text || 'x')
     FROM generate_series(1, 1000000) g`,
  );
  await db.$executeRawUnsafe("ANALYZE audit_events");
  const runIds = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM runs ORDER BY created_at DESC LIMIT 20`)).map((r) => r.id);
  const jobs = await db.trainingJob.count();
  await db.$disconnect();
  console.log(
    `seeded ${jobs.toLocaleString("en-US")} jobs and ${runIds.length} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("engineer@roundhouse.local");
  await page.getByLabel("Password").fill("engineer-roundhouse");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("user-menu").waitFor();

  // From navigation start (in the browser's clock) to the moment the condition holds.
  const timeTo = async (url: string, ready: () => Promise<unknown>) => {
    await page.goto(`${base}${url}`, { waitUntil: "commit" });
    await ready();
    return page.evaluate(() => [
      performance.now(),
      (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseStart,
    ]);
  };
  const measure = async (label: string, url: string, ready: () => Promise<unknown>) => {
    await timeTo(url, ready); // warm-up: Next compiles nothing, but the first request warms caches
    const times: number[] = [];
    const firstBytes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [drawn, firstByte] = await timeTo(url, ready);
      times.push(drawn ?? 0);
      firstBytes.push(firstByte ?? 0);
    }
    const m = median(times);
    console.log(
      `${label}: median ${Math.round(m)} ms (${times.map((t) => Math.round(t)).join(", ")}; server's first byte at ${Math.round(median(firstBytes))} ms) target < 1000 ms: ${m < 1000 ? "met" : "MISSED"}`,
    );
  };

  await measure("jobs page, 10,000 jobs, first page of 50 rows drawn", "/jobs", () => page.locator("table tbody tr").nth(49).waitFor());
  await measure("jobs page, 10,000 jobs sorted by the headline metric, best first", "/jobs?sort=-metric", () =>
    page.locator("table tbody tr").nth(49).waitFor(),
  );
  // Ten days in the middle of the month, one actor: about 33,000 of the million events match.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const auditUrl = `/audit?${new URLSearchParams({ actor: "bench-3@example.com", from: day(20), to: day(10) })}`;
  await measure("audit explorer, 1,000,000 events, filtered by actor and time, first 50 rows drawn", auditUrl, () =>
    page.locator("table tbody tr").nth(49).waitFor(),
  );
  const compareUrl = `/runs/compare?ids=${runIds.join(",")}`;
  await measure("compare page, 20 runs, every chart drawn", compareUrl, async () => {
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="compare-roc"] .recharts-line').length === 21 &&
        document.querySelectorAll('[data-testid="compare-pr"] .recharts-line').length === 20 &&
        document.querySelectorAll('[data-testid="loss-chart"] .recharts-line').length === 20 &&
        document.querySelectorAll('[data-testid="parallel-coordinates"] path[data-run]').length === 20 &&
        document.querySelectorAll('[data-testid="run-scatter"] .recharts-scatter-symbol').length === 20 &&
        document.querySelectorAll('[data-testid="importance-chart"] .recharts-bar-rectangle').length > 0,
      undefined,
      { polling: "raf", timeout: 30_000 },
    );
  });
  await browser.close();
  await api.dispose();
} finally {
  stop();
}
