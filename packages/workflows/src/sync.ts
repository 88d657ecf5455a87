// Workflow files become workflow versions: the built-ins shipped with Roundhouse and the files in
// ROUNDHOUSE_WORKFLOWS (one workflow per .py file, named after it). A changed file becomes a new
// version; an unchanged one is left as it is. Runs once per process, when first needed.
import fs from "node:fs";
import path from "node:path";
import { type Db, registerWorkflowVersion, SYSTEM_ACTOR, workflowSha256 } from "@roundhouse/db";
import { describeWorkflow } from "./describe.ts";
import { helperDir } from "./python.ts";

function files(dir: string, origin: "builtin" | "folder") {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
    .map((f) => ({ name: f.slice(0, -3).toLowerCase().replaceAll("_", "-"), file: path.join(dir, f), origin }));
}

let synced: Promise<void> | undefined;

export function syncWorkflowFiles(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  synced ??= (async () => {
    const found = [
      ...files(path.join(helperDir(), "roundhouse_workflow", "builtin"), "builtin"),
      ...(process.env.ROUNDHOUSE_WORKFLOWS ? files(process.env.ROUNDHOUSE_WORKFLOWS, "folder") : []),
    ];
    for (const { name, file, origin } of found) {
      const source = fs.readFileSync(file, "utf8");
      const known = await db.workflowVersion.findUnique({ where: { name_sha256: { name, sha256: workflowSha256(source) } } });
      if (known) continue;
      try {
        const { version } = await registerWorkflowVersion(
          db,
          { actor: SYSTEM_ACTOR },
          { name, source, origin, description: await describeWorkflow(source) },
        );
        log(`workflow ${name} version ${version.version} registered from ${file}`);
      } catch (err) {
        log(`workflow file ${file} was not registered: ${(err as Error).message}`);
      }
    }
  })().catch((err) => {
    synced = undefined;
    throw err;
  });
  return synced;
}
