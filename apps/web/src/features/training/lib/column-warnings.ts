import { type ColumnProfile, unsuitableFeature } from "@roundhouse/contracts";

/** Why a column is a poor feature: it names rows (ID-like), never changes, or gives the label away. */
export interface LabelLink {
  correlation: number | null;
  auc: number | null;
}

export function columnWarning(column: ColumnProfile, rows: number, link: LabelLink | undefined): string | null {
  if (column.distinct <= 1) return unsuitableFeature(column, rows);
  if (link?.auc !== null && link?.auc !== undefined && Math.max(link.auc, 1 - link.auc) >= 0.95)
    return `may leak the label: alone it separates the classes (AUC ${Math.max(link.auc, 1 - link.auc).toFixed(2)})`;
  if (link?.correlation !== null && link?.correlation !== undefined && Math.abs(link.correlation) >= 0.95)
    return `may leak the label: correlation ${link.correlation.toFixed(2)}`;
  return unsuitableFeature(column, rows);
}

/**
 * What to know of a date or timestamp feature (not a reason to leave it out): a model learns its
 * value as a number, and every row it will score is later than those it trained on, which a random
 * holdout does not show.
 */
export function columnNote(column: ColumnProfile): string | null {
  if (column.type !== "date" && column.type !== "timestamp") return null;
  return "a date: the rows it will score come after every row it trains on; a date-range holdout shows how it does on those";
}

/** The task a label column suggests, from its profile. */
export function inferTask(column: ColumnProfile | undefined): "binary" | "multiclass" | "regression" | undefined {
  if (!column) return undefined;
  if (column.labelHint === "binary") return "binary";
  if (column.labelHint === "multiclass") return "multiclass";
  if (column.labelHint === "numeric") return "regression";
  return undefined;
}
