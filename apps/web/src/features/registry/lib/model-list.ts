import { headlineMetric, lowerIsBetter, type ModelSummary } from "@roundhouse/contracts";
import { sortRows } from "@/lib/sort-rows";

export interface ModelFilter {
  q?: string;
  task?: string;
  tag?: string;
  alias?: string;
  sort?: string;
}

/**
 * The registered models the filters keep, in the asked order ("-updated" by default). "-metric" is the
 * latest version's headline metric, best first: lower-is-better metrics (RMSE) are turned round so
 * "best" means the same thing for every task; models without a metric go last.
 */
export function filterModels(models: ModelSummary[], f: ModelFilter): ModelSummary[] {
  const q = f.q?.trim().toLowerCase();
  const kept = models.filter(
    (m) =>
      (!q ||
        m.name.toLowerCase().includes(q) ||
        m.description.toLowerCase().includes(q) ||
        m.owner.toLowerCase().includes(q) ||
        m.tags.some((t) => t.toLowerCase().includes(q))) &&
      (!f.task || m.task === f.task) &&
      (!f.tag || m.tags.includes(f.tag)) &&
      (!f.alias || (f.alias === "none" ? Object.keys(m.aliases).length === 0 : f.alias in m.aliases)),
  );
  const score = (m: ModelSummary) => {
    const name = headlineMetric(m.task);
    const value = m.latestMetrics?.[name];
    if (value === undefined) return Number.NEGATIVE_INFINITY;
    return lowerIsBetter(name) ? -value : value;
  };
  return sortRows(
    kept,
    f.sort ?? "-updated",
    {
      name: (a, b) => a.name.localeCompare(b.name),
      task: (a, b) => (a.task ?? "").localeCompare(b.task ?? ""),
      versions: (a, b) => a.versions - b.versions,
      metric: (a, b) => score(a) - score(b),
      owner: (a, b) => a.owner.localeCompare(b.owner),
      updated: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
    },
    "updated",
    (a, b) => a.name.localeCompare(b.name),
  );
}
