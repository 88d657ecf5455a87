export const promotionKeys = {
  all: ["promotions"] as const,
  comparison: (name: string, version: number, alias: string) => ["models", name, "compare", version, alias] as const,
  awaiting: ["promotions", "awaiting"] as const,
};
