import { authRoutes } from "@roundhouse/contracts";
import { db, endSession } from "@roundhouse/db";
import { getSession } from "@/features/auth/server/session";
import { route } from "@/server/http";

/** Ends the session on the server too, so a copy of the cookie stops working at the same moment. */
export const POST = route(authRoutes.signOut, async () => {
  const session = await getSession();
  if (session.token) await endSession(db(), session.token);
  session.destroy();
});
