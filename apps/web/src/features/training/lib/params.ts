// The parameter forms are generated from the same zod schemas the API validates with.
import { type AlgorithmSchema, HEADLINE_METRIC, lowerIsBetter, metricsOfTask, PARAMS_SCHEMAS } from "@roundhouse/contracts";
import { z } from "zod";

export type Algorithm = z.infer<typeof AlgorithmSchema>;

export interface ParamField {
  name: string;
  type: "integer" | "number" | "boolean" | "enum" | "string" | "json";
  default: unknown;
  min?: number;
  max?: number;
  options?: string[];
  help?: string;
}

interface JsonProp {
  type?: string;
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  enum?: string[];
  description?: string;
}

// Set by the platform, not the user: threads come from resources.cpu.
const HIDDEN = new Set(["threads", "objective"]);

const bound = (v: number | undefined) => (v === undefined || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? undefined : v);

export function paramFields(algorithm: Algorithm): ParamField[] {
  return fieldsOfJsonSchema(z.toJSONSchema(PARAMS_SCHEMAS[algorithm], { io: "input" }));
}

/** Form fields of an object's JSON Schema: a built-in algorithm's (from zod) or a workflow's own. */
export function fieldsOfJsonSchema(schema: unknown): ParamField[] {
  const properties = (schema as { properties?: Record<string, JsonProp> }).properties ?? {};
  return Object.entries(properties)
    .filter(([name]) => !HIDDEN.has(name))
    .map(([name, p]) => ({
      name,
      type: p.enum
        ? "enum"
        : p.type === "integer"
          ? "integer"
          : p.type === "boolean"
            ? "boolean"
            : p.type === "string"
              ? "string"
              : p.type === "object" || p.type === "array"
                ? "json"
                : "number",
      default: p.default,
      // An integer without its own bound gets JavaScript's safe-integer limit from zod: no bound to show.
      min: bound(p.minimum ?? p.exclusiveMinimum),
      max: bound(p.maximum),
      options: p.enum,
      help: p.description,
    }));
}

export const ALGORITHMS: { id: Algorithm; title: string; blurb: string; tasks: string[] }[] = [
  {
    id: "gbdt",
    title: "Gradient-boosted trees",
    blurb: "The usual winner on tables: trees added one by one, each fixing the last ones' errors.",
    tasks: ["binary", "multiclass", "regression"],
  },
  {
    id: "random_forest",
    title: "Random forest",
    blurb: "Many deep trees on bootstrap samples, averaged: robust with little tuning.",
    tasks: ["binary", "multiclass", "regression"],
  },
  {
    id: "logistic_regression",
    title: "Logistic regression",
    blurb: "A linear model of the odds: fast, explainable coefficients, a strong baseline.",
    tasks: ["binary", "multiclass"],
  },
  {
    id: "linear_regression",
    title: "Linear regression",
    blurb: "Ridge least squares for numeric labels: the baseline every regressor must beat.",
    tasks: ["regression"],
  },
];

/** Metrics a sweep can optimize per task (the catalogue's, headline first), with the direction that is better. */
export const OBJECTIVES: Record<string, { metric: string; direction: "maximize" | "minimize" }[]> = Object.fromEntries(
  Object.keys(HEADLINE_METRIC).map((task) => [
    task,
    metricsOfTask(task).map((metric) => ({ metric, direction: lowerIsBetter(metric) ? "minimize" : "maximize" })),
  ]),
);
