export const retrainingKeys = {
  model: (name: string) => ["retraining", name] as const,
};
