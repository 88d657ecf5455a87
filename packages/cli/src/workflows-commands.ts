// `roundhouse workflows ...`: list the workflows a job can name, and register a team's Python file
// as a new version (the same file again answers with the version it already is).
import fs from "node:fs";
import path from "node:path";
import type { WorkflowDto } from "@roundhouse/contracts";
import { call } from "./api-client.ts";

export async function listWorkflows(o: { json: boolean }) {
  const { items } = await call<{ items: WorkflowDto[] }>("GET", "/api/v1/workflows");
  if (o.json) return void console.log(JSON.stringify(items));
  for (const w of items) {
    const state = w.available ? w.tasks.join(", ") : `unavailable: ${w.unavailableReason}`;
    console.log(`${`${w.name}@${w.version}`.padEnd(24)} ${w.origin.padEnd(8)} ${w.sha256.slice(0, 12)}  ${state}`);
    if (w.description) console.log(`${" ".repeat(25)}${w.description}`);
  }
}

export async function registerWorkflow(file: string, o: { name?: string; json: boolean }) {
  const name = o.name ?? path.basename(file, ".py").toLowerCase().replaceAll("_", "-");
  const w = await call<WorkflowDto>("POST", "/api/v1/workflows", { name, source: fs.readFileSync(file, "utf8") });
  if (o.json) return void console.log(JSON.stringify(w));
  const params = Object.keys((w.params as { properties?: object }).properties ?? {});
  console.log(
    `${w.name}@${w.version} (sha256 ${w.sha256.slice(0, 12)}…) trains ${w.tasks.join(", ")}; parameters: ${params.join(", ") || "none"}`,
  );
  if (!w.available) console.log(`unavailable here: ${w.unavailableReason}`);
  console.log(`use it with "train": { "workflow": "${w.name}", "params": { ... } }`);
}
