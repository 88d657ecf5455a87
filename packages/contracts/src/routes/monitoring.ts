import { ModelNameParamSchema } from "../api/models.ts";
import {
  DriftReportSchema,
  LivePerformanceSchema,
  MonitoringQuerySchema,
  OutcomesBodySchema,
  OutcomesFromDatasetBodySchema,
  OutcomesResultSchema,
} from "../api/monitoring.ts";
import { declareRoute } from "./declare.ts";

export const monitoringRoutes = {
  drift: declareRoute({
    method: "GET",
    path: "/api/v1/models/{name}/drift",
    summary:
      "Drift of a deployed version: per window, each feature's PSI on its training bins, missing and unseen rates, the prediction distribution, and the alerts raised",
    access: "read",
    params: ModelNameParamSchema,
    query: MonitoringQuerySchema,
    status: 200,
    response: DriftReportSchema,
    errors: { 404: "No such model or version" },
  }),
  outcomes: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/outcomes",
    summary: "Record the true values of decisions, learned later: by decision id, or by a join key (an input field) and its value",
    access: "models:predict",
    params: ModelNameParamSchema,
    body: OutcomesBodySchema,
    status: 200,
    response: OutcomesResultSchema,
    errors: {
      404: "No such model",
      400: "A decision id that is not this model's, or a value that is not one of the model's classes (each by path); nothing is stored",
    },
  }),
  outcomesFromDataset: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/outcomes/from-dataset",
    summary:
      "Record outcomes from an outcome dataset (up to 1,000,000 rows): a value column, and a decision-id column or a key column matched to an input field; the dataset version is kept with each outcome",
    access: "models:predict",
    params: ModelNameParamSchema,
    body: OutcomesFromDatasetBodySchema,
    status: 200,
    response: OutcomesResultSchema,
    errors: {
      404: "No such model",
      400: "No such dataset or column, too many rows, or values that are not the model's classes (each by row); nothing is stored",
    },
  }),
  performance: declareRoute({
    method: "GET",
    path: "/api/v1/models/{name}/performance",
    summary:
      "Live performance: the headline metric (AUC, accuracy, RMSE) of decisions with outcomes, per window, beside the holdout metric",
    access: "read",
    params: ModelNameParamSchema,
    query: MonitoringQuerySchema,
    status: 200,
    response: LivePerformanceSchema,
    errors: { 404: "No such model or version" },
  }),
};
