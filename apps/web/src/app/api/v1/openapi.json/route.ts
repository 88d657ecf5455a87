import { openApiDocument, systemRoutes } from "@roundhouse/contracts";
import { ROUNDHOUSE_VERSION } from "@/lib/version";
import { route } from "@/server/http";

export const GET = route(systemRoutes.openapi, async () => openApiDocument(ROUNDHOUSE_VERSION));
