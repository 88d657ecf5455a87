// The explorer's filters as they live in the page's URL and in the API's query string (the same
// names, so a shared link, the list call and the export agree).
export const AUDIT_FILTER_KEYS = ["q", "actor", "action", "entityType", "entityId", "related", "from", "to"] as const;
export type AuditFilterParams = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

export function auditFilterOf(query: Record<string, string | undefined>): AuditFilterParams {
  return Object.fromEntries(AUDIT_FILTER_KEYS.flatMap((k) => (query[k] ? [[k, query[k]]] : [])));
}

export function auditSearchParams(filter: AuditFilterParams, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return params;
}

/** The history of one entity (with what belongs to it) in the explorer. */
export const entityHistoryHref = (entityType: string, entityId: string) =>
  `/audit?${new URLSearchParams({ entityType, entityId, related: "true" })}`;

export const ENTITY_TYPES = [
  ["training-job", "Training job"],
  ["run", "Run"],
  ["model-version", "Model version"],
  ["promotion_request", "Promotion request"],
  ["deployment", "Deployment (alias)"],
  ["dataset", "Dataset"],
  ["dataset-version", "Dataset version"],
  ["user", "User"],
  ["api-token", "API token"],
] as const;
