import { RegisterPathRequestSchema } from "@roundhouse/contracts";
import { registerPath } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

export const POST = route(async (req, { requestId }) => {
  const { ctx } = await requireCaller(req, requestId, "datasets:write");
  const body = await parseBody(req, RegisterPathRequestSchema);
  const result = await registerPath(db(), ctx, {
    name: body.name,
    description: body.description,
    path: body.path,
    format: body.format,
    csv: body.csv,
  });
  return json(result, result.created ? 201 : 200);
});
