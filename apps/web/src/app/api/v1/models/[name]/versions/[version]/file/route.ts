import { modelRoutes } from "@roundhouse/contracts";
import { modelFile } from "@/features/registry/server/registry";
import { fileResponse } from "@/server/file-response";
import { route } from "@/server/http";

export const GET = route(modelRoutes.download, async ({ params }) => {
  const file = await modelFile(params.name, params.version);
  return fileResponse(file, `${params.name}-v${params.version}.json`, "application/json");
});
