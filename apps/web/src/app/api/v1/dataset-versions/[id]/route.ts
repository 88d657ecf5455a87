import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(datasetRoutes.version, async ({ params }) => (await getDatasetVersion(db(), params.id)).dto);
