import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion, labelAssociations } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

/** Each column's correlation with a label, so the wizard can warn about features that leak it. */
export const GET = route(datasetRoutes.labelAssociations, async ({ params, query }) => {
  const { dto, file } = await getDatasetVersion(db(), params.id);
  return { label: query.label, columns: await labelAssociations(file, dto.schema, query.label) };
});
