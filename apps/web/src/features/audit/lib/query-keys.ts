export const auditKeys = {
  all: ["audit-events"] as const,
  list: (filter: Record<string, string | undefined>) => [...auditKeys.all, "list", filter] as const,
};
