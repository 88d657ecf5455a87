import { z } from "zod";
import { IdParamSchema } from "../api/common.ts";
import {
  AliasMoveSchema,
  CompareVersionQuerySchema,
  ComparisonSchema,
  DecisionDetailSchema,
  DecisionPageSchema,
  DecisionSearchQuerySchema,
  ModelDetailSchema,
  ModelNameParamSchema,
  ModelSummarySchema,
  PromotionDecisionBodySchema,
  PromotionListQuerySchema,
  PromotionListSchema,
  PromotionRequestBodySchema,
  PromotionSchema,
  RollbackBodySchema,
} from "../api/models.ts";
import { AliasSchema, PredictBodySchema, PredictQuerySchema, PredictResponseSchema } from "../api/serving.ts";
import { declareRoute, PREDICT_BODY_BYTES } from "./declare.ts";

const noModel = { 404: "No such model" } as const;

export const modelRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/models",
    summary: "Registered models with their aliases and latest version",
    access: "read",
    status: 200,
    response: z.object({ items: z.array(ModelSummarySchema) }),
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/models/{name}",
    summary: "A model: versions (metrics, run, dataset versions, model file SHA-256), alias holders, alias timeline, requests",
    access: "read",
    params: ModelNameParamSchema,
    status: 200,
    response: ModelDetailSchema,
    errors: noModel,
  }),
  predict: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/predict",
    summary: "Predict one record (a JSON object) or a batch (an array of up to 1,000); each prediction is logged as a decision first",
    access: "models:predict",
    params: ModelNameParamSchema,
    query: PredictQuerySchema,
    body: PredictBodySchema,
    maxBodyBytes: PREDICT_BODY_BYTES,
    status: 200,
    response: PredictResponseSchema,
    errors: {
      404: "No such model, version, or no holder of the alias",
      422: "Rows that do not fit the model: every missing feature, wrong type and unknown category, by path",
      503: "The decision log could not be written, so no prediction is returned",
    },
  }),
  compare: declareRoute({
    method: "GET",
    path: "/api/v1/models/{name}/compare",
    summary: "Champion/challenger preview: a version and the alias's holder scored on the same holdout rows",
    access: "read",
    params: ModelNameParamSchema,
    query: CompareVersionQuerySchema,
    status: 200,
    response: ComparisonSchema,
    errors: { 404: "No such model or version" },
  }),
  requestPromotion: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/promotions",
    summary: "Request that a version take an alias; the comparison is computed and stored with the request",
    access: "models:request-promotion",
    params: ModelNameParamSchema,
    body: PromotionRequestBodySchema,
    status: 201,
    response: PromotionSchema,
    errors: { 404: "No such model or version", 409: "Already held, or already requested" },
  }),
  rollback: declareRoute({
    method: "POST",
    path: "/api/v1/models/{name}/aliases/{alias}/rollback",
    summary: "Move the alias back to its previous holder (approver or admin), audited",
    access: "models:rollback",
    params: ModelNameParamSchema.extend({ alias: AliasSchema }),
    body: RollbackBodySchema,
    status: 200,
    response: AliasMoveSchema,
    errors: { ...noModel, 409: "Nothing to roll back to" },
  }),
};

export const promotionRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/promotions",
    summary: "Promotion requests (pending by default) and how many await the caller's decision",
    access: "read",
    query: PromotionListQuerySchema,
    status: 200,
    response: PromotionListSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/promotions/{id}",
    summary: "A promotion request with its comparison",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: PromotionSchema,
    errors: { 404: "No such request" },
  }),
  decide: declareRoute({
    method: "POST",
    path: "/api/v1/promotions/{id}/decision",
    summary: "Approve (moves the alias atomically) or reject; 403 for the requester, 409 once decided",
    access: "models:approve",
    params: IdParamSchema,
    body: PromotionDecisionBodySchema,
    status: 200,
    response: PromotionSchema,
    errors: { 404: "No such request", 409: "Already decided" },
  }),
};

export const decisionRoutes = {
  search: declareRoute({
    method: "GET",
    path: "/api/v1/decisions",
    summary: "The decision log, newest first; by id, model, version, output and time range",
    access: "read",
    query: DecisionSearchQuerySchema,
    status: 200,
    response: DecisionPageSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/decisions/{id}",
    summary: "A decision with input, output, reasons and lineage (model version → run → spec → dataset versions with hashes)",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: DecisionDetailSchema,
    errors: { 404: "No such decision" },
  }),
};
