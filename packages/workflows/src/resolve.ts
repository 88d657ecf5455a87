// A submitted spec that names a workflow, made exact before it is queued: the workflow's version is
// pinned ("xgboost" → "xgboost@2"), its parameters are checked against its JSON Schema with the
// defaults filled in, and a workflow this machine cannot run is refused (400) with what to install.
import {
  Invalid,
  invalidSpec,
  parseWorkflowParams,
  parseWorkflowRef,
  type TrainingSpec,
  unavailableReason,
  type WorkflowDescription,
} from "@roundhouse/contracts";
import { type Db, findWorkflowVersion } from "@roundhouse/db";
import { syncWorkflowFiles } from "./sync.ts";

export async function resolveWorkflowSpec(db: Db, spec: TrainingSpec): Promise<TrainingSpec> {
  if (spec.train.workflow === "builtin") return spec;
  await syncWorkflowFiles(db);
  const { name, version } = parseWorkflowRef(spec.train.workflow);
  const row = await findWorkflowVersion(db, name, version);
  if (!row) {
    const known = await db.workflowVersion.findMany({ distinct: ["name"], select: { name: true }, orderBy: { name: "asc" } });
    const problem =
      version === null
        ? `no workflow is registered as ${name} (registered: ${known.map((k) => k.name).join(", ") || "none"})`
        : `${name} has no version ${version}`;
    throw new Invalid(`train.workflow: ${problem}`, [{ path: "train.workflow", message: problem }]);
  }
  const description = row.description as unknown as WorkflowDescription;
  const unavailable = unavailableReason(description);
  if (unavailable) throw new Invalid(`train.workflow: ${unavailable}`, [{ path: "train.workflow", message: unavailable }]);
  if (spec.train.task && !description.tasks.includes(spec.train.task)) {
    const message = `${name} trains ${description.tasks.join(", ")} models, not ${spec.train.task}`;
    throw new Invalid(`train.task: ${message}`, [{ path: "train.task", message }]);
  }
  const params = parseWorkflowParams(description.params, spec.train.params);
  if (!params.success) throw invalidSpec(params.problems);
  return { ...spec, train: { ...spec.train, workflow: `${row.name}@${row.version}`, params: params.data } };
}
