import { getSession } from "@/features/auth/server/session";
import { route } from "@/server/http";

export const POST = route(async () => {
  (await getSession()).destroy();
  return new Response(null, { status: 204 });
});
