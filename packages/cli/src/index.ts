export { type FitOptions, fit } from "./fit.ts";
