export const runKeys = {
  all: ["runs"] as const,
  detail: (id: string) => [...runKeys.all, id] as const,
  noise: (a: string, b: string, metric: string) => [...runKeys.all, "noise", a, b, metric] as const,
};
