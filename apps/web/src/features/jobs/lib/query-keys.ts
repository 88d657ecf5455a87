export const jobKeys = {
  all: ["jobs"] as const,
  list: (q: Record<string, string | undefined>) => [...jobKeys.all, "list", q] as const,
  detail: (id: string) => [...jobKeys.all, "detail", id] as const,
  logs: (id: string) => [...jobKeys.all, "logs", id] as const,
  metrics: (id: string) => [...jobKeys.all, "metrics", id] as const,
};
