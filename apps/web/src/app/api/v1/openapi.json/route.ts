import { openApiDocument } from "@roundhouse/contracts";
import { ROUNDHOUSE_VERSION } from "@/lib/version";
import { json, route } from "@/server/http";

export const GET = route(async () => json(openApiDocument(ROUNDHOUSE_VERSION)));
