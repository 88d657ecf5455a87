export const auditKeys = {
  all: ["audit-events"] as const,
  list: (filter: { entityType?: string }) => [...auditKeys.all, "list", filter] as const,
};
