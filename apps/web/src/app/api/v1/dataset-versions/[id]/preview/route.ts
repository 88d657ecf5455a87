import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion, previewRows } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(datasetRoutes.preview, async ({ params, query }) => {
  const { dto, file } = await getDatasetVersion(db(), params.id);
  return previewRows(file, dto.schema, dto.rowCount, query);
});
