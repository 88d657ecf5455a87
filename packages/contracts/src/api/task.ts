// What a model learns to predict, and Roundhouse's own algorithms: shared by jobs and workflows.
import { z } from "zod";

export const AlgorithmSchema = z.enum(["gbdt", "random_forest", "logistic_regression", "linear_regression"]);
export const TaskSchema = z.enum(["binary", "multiclass", "regression"]);
