import { modelRoutes } from "@roundhouse/contracts";
import { modelOnnx } from "@/features/registry/server/registry";
import { route } from "@/server/http";

export const GET = route(modelRoutes.onnx, async ({ params }) => {
  const bytes = await modelOnnx(params.name, params.version);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${`${params.name}-v${params.version}.onnx`.replace(/["\\\r\n]/g, "_")}"`,
    },
  });
});
