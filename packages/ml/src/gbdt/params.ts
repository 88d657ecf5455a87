export { type GbdtParams, GbdtParamsSchema } from "@roundhouse/contracts";
