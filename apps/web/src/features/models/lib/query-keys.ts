export const modelKeys = {
  all: ["models"] as const,
  model: (name: string) => ["models", name] as const,
  comparison: (name: string, version: number, alias: string) => ["models", name, "compare", version, alias] as const,
  promotions: (status: string) => ["promotions", status] as const,
  promotion: (id: string) => ["promotions", "one", id] as const,
  awaiting: ["promotions", "awaiting"] as const,
  decisions: (query: Record<string, string>) => ["decisions", query] as const,
};
