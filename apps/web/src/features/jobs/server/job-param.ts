import "server-only";
import { IdParamSchema, Invalid } from "@roundhouse/contracts";

export function jobIdOf(params: { id: string }): string {
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  return p.data.id;
}
