import "server-only";
import { db } from "@roundhouse/db";
import { driftReport, livePerformance } from "@roundhouse/retraining";

/** The Monitoring tab's first render: the last two days by hour. */
export const monitoringOf = async (model: string) => ({
  drift: await driftReport(db(), model, { window: "hour", days: 2 }),
  performance: await livePerformance(db(), model, { window: "hour", days: 2 }),
});
