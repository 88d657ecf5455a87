// A workflow's description (tasks, parameters, required modules and which of them this machine
// lacks), from `python3 -m roundhouse_workflow describe <file>`.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Invalid, type WorkflowDescription, WorkflowDescriptionSchema } from "@roundhouse/contracts";
import { pythonCommand, pythonEnv } from "./python.ts";

const run = promisify(execFile);

export async function describeWorkflow(source: string): Promise<WorkflowDescription> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-workflow-"));
  const file = path.join(dir, "workflow.py");
  fs.writeFileSync(file, source);
  try {
    const { stdout } = await run(pythonCommand(), ["-m", "roundhouse_workflow", "describe", file], {
      env: pythonEnv(1),
      timeout: 30_000,
      maxBuffer: 1 << 20,
    });
    return WorkflowDescriptionSchema.parse(JSON.parse(stdout.trim().split("\n").at(-1) ?? ""));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") return { description: "", tasks: [], params: { type: "object" }, requires: ["python3"], missing: ["python3"] };
    const tail = (e.stderr ?? "").trim().split("\n").slice(-6).join("\n");
    throw new Invalid(`The workflow could not be loaded: ${tail || e.message}`, [{ path: "source", message: tail || e.message }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
