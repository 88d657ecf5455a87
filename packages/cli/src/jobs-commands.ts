// `roundhouse jobs …` and `roundhouse datasets …`: the REST API from a terminal. Human output by
// default, --json for scripts; `jobs submit --watch` exits 0 only when the job succeeds.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { DatasetSummary, IngestResult, JobDto } from "@roundhouse/contracts";
import { formatBytes, isUuid, TERMINAL_STATUSES, trainerOf } from "@roundhouse/contracts";
import { call } from "./api-client.ts";
import { fileProblem } from "./file-problems.ts";

/** The API's answer as JSON (--json), or as `human` says it. */
export const print = (json: boolean, value: unknown, human: () => string) => console.log(json ? JSON.stringify(value) : human());

export function jobLine(j: JobDto) {
  const pct = j.progress ? ` ${Math.round(j.progress.fraction * 100)}%` : "";
  const metric = j.run?.metrics
    ? ` ${Object.entries(j.run.metrics)
        .slice(0, 2)
        .map(([k, v]) => `${k}=${Number(v).toFixed(4)}`)
        .join(" ")}`
    : "";
  const made = j.result ? ` → ${j.result.dataset} v${j.result.version} (${j.result.rows.toLocaleString("en-US")} rows)` : "";
  return `${j.id}  ${j.status.padEnd(9)}${pct.padEnd(5)} ${j.name} (${trainerOf(j.spec)}, ${j.owner})${metric}${made}`;
}

export async function submit(file: string, o: { watch: boolean; json: boolean; idempotencyKey?: string }) {
  let spec: unknown;
  try {
    spec = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read the spec ${file}: ${fileProblem(err) ?? (err as Error).message}`);
  }
  const job = await call<JobDto>("POST", "/api/v1/jobs", spec, o.idempotencyKey ? { "idempotency-key": o.idempotencyKey } : {});
  if (!o.watch) return print(o.json, job, () => `submitted ${job.id} (${job.name}); follow it with: roundhouse jobs get ${job.id}`);
  if (!o.json) console.error(`submitted ${job.id} (${job.name})`);
  const final = await watch(job.id, o.json);
  print(o.json, final, () => jobLine(final));
  if (final.status !== "succeeded") process.exitCode = final.status === "cancelled" ? 3 : 1;
}

/** Polls the job, drawing a progress bar with its current step and loss, until it ends. */
export async function watch(id: string, quiet: boolean): Promise<JobDto> {
  let last = "";
  for (;;) {
    const job = await call<JobDto>("GET", `/api/v1/jobs/${id}`);
    if (!quiet) {
      const f = job.progress?.fraction ?? 0;
      // A finished job's last message is its status ("succeeded succeeded" said it twice).
      const message = job.progress?.message === job.status ? "" : (job.progress?.message ?? "");
      const line =
        `[${"#".repeat(Math.round(f * 30)).padEnd(30)}] ${String(Math.round(f * 100)).padStart(3)}% ${job.status} ${message}`.trimEnd();
      if (line !== last) process.stderr.write(process.stderr.isTTY ? `\r${line.slice(0, 120).padEnd(120)}` : `${line}\n`);
      last = line;
    }
    if (TERMINAL_STATUSES.includes(job.status)) {
      if (!quiet && process.stderr.isTTY) process.stderr.write("\n");
      if (!quiet && job.error) console.error(`error: ${job.error.message}`);
      return job;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function list(o: { status?: string; project?: string; json: boolean }) {
  const q = new URLSearchParams(Object.entries({ status: o.status, project: o.project }).filter(([, v]) => v) as [string, string][]);
  const page = await call<{ items: JobDto[]; total: number }>("GET", `/api/v1/jobs?${q}`);
  print(o.json, page, () => (page.items.length ? page.items.map(jobLine).join("\n") : "no jobs"));
}

export async function get(id: string, o: { json: boolean }) {
  const job = await call<JobDto>("GET", `/api/v1/jobs/${id}`);
  print(o.json, job, () =>
    [
      jobLine(job),
      ...job.stepTimings.map((s) => `  ${s.step.padEnd(10)} ${(s.millis / 1000).toFixed(2)} s`),
      ...(job.run?.metrics ? Object.entries(job.run.metrics).map(([k, v]) => `  ${k.padEnd(15)} ${v}`) : []),
      ...(job.error ? [`  error: ${job.error.message}`] : []),
    ].join("\n"),
  );
}

export async function logs(id: string, o: { follow: boolean }) {
  let after = 0;
  for (;;) {
    const page = await call<{ status: string; lines: { id: number; at: string; level: string; message: string }[]; next: number }>(
      "GET",
      `/api/v1/jobs/${id}/logs?after=${after}`,
    );
    for (const l of page.lines) console.log(`${l.at} ${l.level === "info" ? "" : `${l.level.toUpperCase()} `}${l.message}`);
    after = page.next;
    if (page.lines.length > 0) continue; // drain what is there before deciding to stop or wait
    if (!o.follow || (TERMINAL_STATUSES as readonly string[]).includes(page.status)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function cancel(id: string, o: { json: boolean }) {
  const job = await call<JobDto>("POST", `/api/v1/jobs/${id}/cancel`);
  print(o.json, job, () => `${job.id} ${job.status}${job.status === "running" ? " (stopping)" : ""}`);
}

export async function datasetsList(o: { json: boolean }) {
  const { items } = await call<{ items: DatasetSummary[] }>("GET", "/api/v1/datasets");
  print(o.json, items, () =>
    items
      .map(
        (d) =>
          `${d.name.padEnd(28)} v${d.latest?.version ?? 0}  ${String(d.latest?.rowCount ?? 0).padStart(10)} rows  ${formatBytes(d.latest?.byteSize ?? 0).padStart(8)}  ${d.id}`,
      )
      .join("\n"),
  );
}

/** Streams the file as the request body: nothing is read into memory whole. */
export interface UploadCommandOptions {
  name?: string;
  datasetId?: string;
  description?: string;
  delimiter?: string;
  decimal?: string;
  encoding?: string;
  header: boolean;
  nullValues?: string;
  types?: string;
  dateFormat?: string;
  /** Add the file's rows to the latest version instead of replacing it. */
  append?: boolean;
  json: boolean;
}

export async function datasetsUpload(file: string, o: UploadCommandOptions) {
  printIngest(o.json, await uploadDatasetFile(file, o));
}

/** Uploads a file as a new dataset (--name) or a new version of one (--dataset-id, an id or a name). */
export async function uploadDatasetFile(file: string, o: Omit<UploadCommandOptions, "json">): Promise<IngestResult> {
  if (!fs.existsSync(file)) throw new Error(`There is no file ${file}.`);
  if (!o.name && !o.datasetId) throw new Error("Give --name for a new dataset, or --dataset-id to add a version.");
  // The server checks every option and names the one that is wrong; these are passed as given.
  const options = new URLSearchParams();
  if (o.name && !o.datasetId) options.set("name", o.name);
  if (o.description) options.set("description", o.description);
  if (o.delimiter) options.set("delimiter", o.delimiter === "\\t" ? "\t" : o.delimiter);
  if (o.decimal) options.set("decimal", o.decimal);
  if (o.encoding) options.set("encoding", o.encoding);
  if (!o.header) options.set("header", "false");
  if (o.nullValues !== undefined) options.set("nullValues", JSON.stringify(o.nullValues.split(",")));
  if (o.types) options.set("types", o.types);
  if (o.dateFormat) options.set("dateFormat", o.dateFormat);
  if (o.append) {
    if (!o.datasetId) throw new Error("Appending needs the dataset: give --dataset-id (an id or a name).");
    options.set("mode", "append");
  }
  if (o.datasetId) o.datasetId = await datasetIdOf(o.datasetId);
  const route = `${o.datasetId ? `/api/v1/datasets/${o.datasetId}/versions` : "/api/v1/datasets"}?${options}`;
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  return call<IngestResult>("POST", route, body, {
    "x-filename": path.basename(file),
    "content-length": String(fs.statSync(file).size),
  });
}

/** `roundhouse datasets refresh`: a derived dataset's definition on its parents' latest versions. */
export async function datasetsRefresh(dataset: string, o: { json: boolean }) {
  const r = await call<IngestResult>("POST", `/api/v1/datasets/${await datasetIdOf(dataset)}/refresh`);
  printIngest(o.json, r);
}

function printIngest(json: boolean, r: IngestResult) {
  print(json, r, () =>
    [r.message, ...r.version.warnings.map((w) => `warning: ${w}`), `version ${r.version.id} sha256 ${r.version.contentHash}`].join("\n"),
  );
}

/** A dataset named by id or by its (unique) name. */
export async function datasetIdOf(idOrName: string): Promise<string> {
  if (isUuid(idOrName)) return idOrName;
  const { items } = await call<{ items: DatasetSummary[] }>("GET", `/api/v1/datasets?q=${encodeURIComponent(idOrName)}`);
  const found = items.find((d) => d.name === idOrName);
  if (!found) throw new Error(`There is no dataset named ${idOrName}.`);
  return found.id;
}
