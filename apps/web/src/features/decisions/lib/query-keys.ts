export const decisionKeys = {
  search: (query: Record<string, string>) => ["decisions", query] as const,
};
