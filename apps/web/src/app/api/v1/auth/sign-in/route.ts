import { SignInRequestSchema, Unauthenticated } from "@roundhouse/contracts";
import { db, signIn, toUserDto } from "@roundhouse/db";
import { getSession } from "@/features/auth/server/session";
import { json, parseBody, route } from "@/server/http";

export const POST = route(async (req, { requestId }) => {
  const body = await parseBody(req, SignInRequestSchema);
  const user = await signIn(db(), body.email, body.password, requestId);
  if (!user) throw new Unauthenticated("The email or password is wrong, or the account is disabled.");
  const session = await getSession();
  session.userId = user.id;
  await session.save();
  return json(toUserDto(user));
});
