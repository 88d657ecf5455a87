export const monitoringKeys = {
  drift: (model: string, window: string, days: number) => ["monitoring", model, "drift", window, days] as const,
  performance: (model: string, window: string, days: number) => ["monitoring", model, "performance", window, days] as const,
};
