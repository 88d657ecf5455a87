export const workflowKeys = {
  all: ["workflows"] as const,
};
