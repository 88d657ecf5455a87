import "server-only";
import { db } from "@roundhouse/db";
import { getRetraining } from "@roundhouse/retraining";

/** The Retraining tab's first render: the policy and its latest runs. */
export const retrainingOf = (model: string) => getRetraining(db(), model);
