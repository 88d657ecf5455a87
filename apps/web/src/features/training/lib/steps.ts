import type { FieldProblem } from "@roundhouse/contracts";

export const STEPS = [
  { id: "data", title: "Data", paths: ["data.datasetVersionId", "data.dataset", "data.version", "data.filters"] },
  { id: "features", title: "Label & features", paths: ["data.label", "data.features", "train.task"] },
  { id: "holdout", title: "Holdout", paths: ["data.holdout", "data.dateColumn", "data.validation"] },
  { id: "model", title: "Model", paths: ["train"] },
  { id: "resources", title: "Resources & name", paths: ["metadata", "resources"] },
  { id: "review", title: "Review", paths: [] },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

/** The step whose fields a spec path belongs to (the most specific prefix wins: train.task is step 2). */
export function stepOfPath(path: string): number {
  let best = { step: STEPS.length - 1, length: -1 };
  STEPS.forEach((s, i) => {
    for (const p of s.paths) if ((path === p || path.startsWith(`${p}.`)) && p.length > best.length) best = { step: i, length: p.length };
  });
  return best.step;
}

export const problemsOfStep = (problems: FieldProblem[], step: number) => problems.filter((p) => stepOfPath(p.path) === step);

export function problemAt(problems: FieldProblem[], path: string): string | undefined {
  return problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message;
}
