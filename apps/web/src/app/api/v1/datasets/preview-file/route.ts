import { datasetRoutes } from "@roundhouse/contracts";
import { previewUpload } from "@/features/datasets/server/upload-dataset";
import { route } from "@/server/http";

/** The start of a file (the body) as the upload would read it with these options; nothing is stored. */
export const POST = route(datasetRoutes.previewFile, ({ req }) => previewUpload(req));
