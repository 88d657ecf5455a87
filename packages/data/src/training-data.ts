// A training spec checked against the data it names, before anything is queued: every problem is
// collected and reported with its path in the spec (unknown columns, a label that is also a
// feature, a date split on a column that is not a date...).
import {
  type ColumnSchema,
  type DatasetProfile,
  type FieldProblem,
  Invalid,
  type TrainingSpec,
  unsuitableFeature,
  utcMillis,
} from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";
import { isTemporal } from "./column-types.ts";

export interface ResolvedTrainingData {
  datasetVersionId: string;
  storagePath: string;
  schema: ColumnSchema[];
  /** The feature columns, in order, the "all except" form expanded. */
  features: string[];
  /** Columns the "all except" form left out on its own (IDs, constants), with the reason. */
  leftOut: { column: string; reason: string }[];
}

export async function resolveTrainingData(db: Db, spec: TrainingSpec): Promise<ResolvedTrainingData> {
  const d = spec.data;
  const version = d.datasetVersionId
    ? await db.datasetVersion.findUnique({ where: { id: d.datasetVersionId } })
    : await db.datasetVersion.findFirst({
        where: { dataset: { name: d.dataset }, ...(d.version === "latest" ? {} : { version: d.version }) },
        orderBy: { version: "desc" },
      });
  if (!version) {
    const what = d.datasetVersionId ? `Dataset version ${d.datasetVersionId}` : `Dataset ${d.dataset} (version ${d.version})`;
    throw new Invalid(`${what} does not exist.`, [
      { path: d.datasetVersionId ? "data.datasetVersionId" : "data.dataset", message: "does not exist" },
    ]);
  }
  const schema = version.schema as unknown as ColumnSchema[];
  const names = new Set(schema.map((s) => s.name));
  const problems: FieldProblem[] = [];
  const need = (name: string, path: string) => {
    if (!names.has(name))
      problems.push({ path, message: `no column "${name}" in ${d.dataset ?? "the dataset"} (columns: ${[...names].join(", ")})` });
  };
  need(d.label, "data.label");
  const profile = version.profile as unknown as DatasetProfile | null;
  // A label with one value, or none, leaves nothing to learn: said now, not after the job has queued
  // and loaded the data. With filters the profile (of every row) does not tell; the job checks then.
  const labelProfile = d.filters.length === 0 ? profile?.columns.find((c) => c.name === d.label) : undefined;
  if (labelProfile && profile) {
    const where = `in ${version.id === d.datasetVersionId ? "this dataset version" : `${d.dataset} v${version.version}`}`;
    if (labelProfile.nulls >= profile.rowCount)
      problems.push({ path: "data.label", message: `"${d.label}" is empty in every row ${where}: there is nothing to learn` });
    else if (labelProfile.distinctExact && labelProfile.distinct === 1)
      problems.push({
        path: "data.label",
        message: `"${d.label}" has one value (${JSON.stringify(labelProfile.topValues?.[0]?.value ?? labelProfile.min)}) in every labelled row ${where}: there is nothing to learn`,
      });
  }
  // "All columns except" means every column that can be a feature: IDs and constants are left out
  // (and said so in the job's log), as the wizard does; a list of features is taken as written.
  const leftOut: ResolvedTrainingData["leftOut"] = [];
  const features = Array.isArray(d.features)
    ? d.features
    : schema
        .map((s) => s.name)
        .filter((n) => n !== d.label && !(d.features as { allExcept: string[] }).allExcept.includes(n))
        .filter((n) => {
          const column = profile?.columns.find((c) => c.name === n);
          const reason = column ? unsuitableFeature(column, profile?.rowCount ?? 0) : null;
          if (reason) leftOut.push({ column: n, reason });
          return !reason;
        });
  const listed = Array.isArray(d.features) ? d.features : d.features.allExcept;
  for (const [i, f] of listed.entries()) need(f, Array.isArray(d.features) ? `data.features.${i}` : `data.features.allExcept.${i}`);
  if (features.includes(d.label)) problems.push({ path: "data.features", message: `the label "${d.label}" cannot also be a feature` });
  if (features.length === 0) problems.push({ path: "data.features", message: noFeaturesLeft(leftOut) });
  for (const [i, f] of d.filters.entries()) need(f.column, `data.filters.${i}.column`);
  if (d.dateColumn) need(d.dateColumn, "data.dateColumn");
  const split = d.holdout;
  if (split.kind === "dateRange") {
    const column = schema.find((s) => s.name === split.column);
    if (!column) need(split.column, "data.holdout.column");
    else if (!isTemporal(column.type))
      problems.push({ path: "data.holdout.column", message: `"${column.name}" is ${column.type}, not a date` });
    const { train, holdout } = split;
    if (utcMillis(train.from) < utcMillis(holdout.to) && utcMillis(holdout.from) < utcMillis(train.to)) {
      problems.push({ path: "data.holdout", message: "the train and holdout date ranges overlap" });
    }
    // A range outside the column's dates leaves its side empty: said now, from the profile (of every
    // row, so not with filters), not after the job has queued and loaded the data.
    const dates = d.filters.length === 0 ? profile?.columns.find((c) => c.name === split.column) : undefined;
    if (column && isTemporal(column.type) && typeof dates?.min === "string" && typeof dates.max === "string") {
      for (const side of ["train", "holdout"] as const) {
        const range = split[side];
        if (utcMillis(range.from) > utcMillis(dates.max) || utcMillis(range.to) <= utcMillis(dates.min))
          problems.push({
            path: `data.holdout.${side}`,
            message: `no row has a "${column.name}" in [${range.from}, ${range.to}): its dates run from ${dates.min} to ${dates.max}`,
          });
      }
    }
  }
  if (spec.train.algorithm === "linear_regression" && spec.train.task && spec.train.task !== "regression") {
    problems.push({ path: "train.task", message: "linear_regression is for regression" });
  }
  if (problems.length)
    throw new Invalid(
      `The training spec has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      problems,
    );
  return { datasetVersionId: version.id, storagePath: version.storagePath, schema, features, leftOut };
}

/** Why nothing is left to learn from, with the columns left out on their own and how to keep one. */
function noFeaturesLeft(leftOut: ResolvedTrainingData["leftOut"]): string {
  if (leftOut.length === 0) return "no feature columns are left";
  const shown = leftOut.slice(0, 5).map((l) => `"${l.column}" (${l.reason})`);
  const more = leftOut.length > 5 ? ` and ${leftOut.length - 5} more` : "";
  return `no feature columns are left: ${shown.join(", ")}${more} left out by default; list a column in data.features to use it anyway`;
}
