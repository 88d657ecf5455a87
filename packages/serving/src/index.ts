export * from "./decision-chain.ts";
export * from "./decision-log.ts";
export * from "./feature-row.ts";
export * from "./http-server.ts";
export * from "./onnx-export.ts";
export * from "./served-model.ts";
export * from "./serving.ts";
export * from "./token-auth.ts";
