import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion, rowsPerDay } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

/** Rows per day of a date column: the wizard's chart for picking date-range holdouts. */
export const GET = route(datasetRoutes.days, async ({ params, query }) => {
  const { dto, storagePath } = await getDatasetVersion(db(), params.id);
  return { column: query.column, days: await rowsPerDay(storagePath, dto.schema, query.column) };
});
