export { type FitOptions, fit } from "./fit.ts";
export { loadForFit } from "./local-data.ts";
