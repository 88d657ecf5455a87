import type { DeriveDefinition, Predicate } from "@roundhouse/contracts";

export interface JoinDraft {
  versionId: string;
  type: "inner" | "left";
  left: string;
  right: string;
}

export interface FilterDraft {
  column: string;
  op: Predicate["op"];
  value: string;
  to: string;
}

export const OPERATORS: Predicate["op"][] = ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "is null", "is not null", "between"];

/** The builder's drafts as the API's definition; null until it is complete enough to run. */
export function toDefinition(
  base: string | undefined,
  joins: JoinDraft[],
  filters: FilterDraft[],
  select: string[],
): DeriveDefinition | null {
  if (!base) return null;
  if (joins.some((j) => !j.versionId || !j.left || !j.right)) return null;
  const predicates: Predicate[] = [];
  for (const f of filters) {
    if (!f.column) return null;
    if (f.op === "is null" || f.op === "is not null") predicates.push({ column: f.column, op: f.op });
    else if (f.op === "in" || f.op === "not in") {
      const values = f.value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      if (values.length === 0) return null;
      predicates.push({ column: f.column, op: f.op, values });
    } else if (f.op === "between") {
      if (!f.value || !f.to) return null;
      predicates.push({ column: f.column, op: "between", from: f.value, to: f.to });
    } else {
      if (f.value === "") return null;
      predicates.push({ column: f.column, op: f.op, value: f.value });
    }
  }
  return {
    base,
    joins: joins.map((j) => ({ versionId: j.versionId, type: j.type, on: [{ left: j.left, right: j.right }] })),
    filters: predicates,
    ...(select.length ? { select } : {}),
  };
}
