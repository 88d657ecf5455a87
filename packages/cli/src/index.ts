export { fit, type FitOptions } from "./fit.ts";
