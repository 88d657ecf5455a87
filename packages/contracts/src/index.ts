export * from "./api/audit.ts";
export * from "./api/auth.ts";
export * from "./api/common.ts";
export * from "./api/datasets.ts";
export * from "./api/health.ts";
export * from "./errors.ts";
export { openApiDocument } from "./openapi.ts";
export * from "./roles.ts";
