import { authRoutes, Unauthenticated } from "@roundhouse/contracts";
import { db, signIn, startSession, toUserDto } from "@roundhouse/db";
import { clientAddress, getSession } from "@/features/auth/server/session";
import { route } from "@/server/http";

export const POST = route(authRoutes.signIn, async ({ req, requestId, body }) => {
  const user = await signIn(db(), body.email, body.password, { requestId, address: clientAddress(req) });
  if (!user) throw new Unauthenticated("The email or password is wrong, or the account is disabled.");
  const session = await getSession();
  session.token = (await startSession(db(), user.id)).token;
  await session.save();
  return toUserDto(user);
});
