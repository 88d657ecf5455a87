import { requireCaller } from "@/features/auth/server/caller";
import { previewUpload } from "@/features/datasets/server/upload-dataset";
import { json, route } from "@/server/http";

/** The start of a file (the body) as the upload would read it with these options; nothing is stored. */
export const POST = route(async (req, { requestId }) => {
  await requireCaller(req, requestId, "datasets:write");
  return json(await previewUpload(req));
});
