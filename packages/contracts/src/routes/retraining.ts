import { IdParamSchema } from "../api/common.ts";
import { ModelNameParamSchema } from "../api/models.ts";
import { RetrainingPolicyBodySchema, RetrainingPolicySchema, RetrainingRunSchema, RetrainingSchema } from "../api/retraining.ts";
import { declareRoute } from "./declare.ts";

export const retrainingRoutes = {
  get: declareRoute({
    method: "GET",
    path: "/api/v1/models/{name}/retraining",
    summary: "A model's retraining policy and its runs, newest first, with their outcomes",
    access: "read",
    params: ModelNameParamSchema,
    status: 200,
    response: RetrainingSchema,
    errors: { 404: "No such model" },
  }),
  put: declareRoute({
    method: "PUT",
    path: "/api/v1/models/{name}/retraining",
    summary: "Set the model's retraining policy: the spec, triggers (new data, cron schedule, drift) and the promotion rule",
    access: "models:retrain",
    params: ModelNameParamSchema,
    body: RetrainingPolicyBodySchema,
    status: 200,
    response: RetrainingPolicySchema,
    errors: {
      404: "No such model",
      400: "A bad cron expression or time zone, a metric the task does not have, or no spec and no version holding the alias to copy one from",
    },
  }),
  start: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/retraining/runs",
    summary: "Run the policy now (by hand): submit its spec on the latest data, then compare and maybe propose",
    access: "models:retrain",
    params: ModelNameParamSchema,
    status: 202,
    response: RetrainingRunSchema,
    errors: { 404: "No such model, or it has no retraining policy", 409: "A run of the policy is under way" },
  }),
  run: declareRoute({
    method: "GET",
    path: "/api/v1/retraining-runs/{id}",
    summary: "One retraining run: its job, data versions, comparison and outcome",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: RetrainingRunSchema,
    errors: { 404: "No such run" },
  }),
};
