import { openApiDocument, ROUNDHOUSE_VERSION, systemRoutes } from "@roundhouse/contracts";
import { route } from "@/server/http";

export const GET = route(systemRoutes.openapi, async () => openApiDocument(ROUNDHOUSE_VERSION));
