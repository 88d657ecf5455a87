import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion, rowsPerDay } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

/** Rows per day of a date column: the wizard's chart for picking date-range holdouts. */
export const GET = route(datasetRoutes.days, async ({ params, query }) => {
  const { dto, file } = await getDatasetVersion(db(), params.id);
  return { column: query.column, days: await rowsPerDay(file, dto.schema, query.column) };
});
