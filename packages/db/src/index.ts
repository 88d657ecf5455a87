export * from "./api-tokens.ts";
export * from "./audit.ts";
export * from "./canonical-json.ts";
export * from "./client.ts";
export * from "./health.ts";
export * from "./queue.ts";
export * from "./seed.ts";
export * from "./users.ts";
