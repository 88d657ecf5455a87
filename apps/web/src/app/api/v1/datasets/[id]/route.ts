import { datasetRoutes } from "@roundhouse/contracts";
import { getDataset } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(datasetRoutes.get, ({ params }) => getDataset(db(), params.id));
