import "server-only";
import { can, Forbidden, type Permission, Unauthenticated } from "@roundhouse/contracts";
import { db, type findActiveUser, type RequestContext, userForApiToken, userForSession } from "@roundhouse/db";
import { redirect } from "next/navigation";
import { getSession } from "./session";

type User = NonNullable<Awaited<ReturnType<typeof findActiveUser>>>;

export interface Caller {
  user: User;
  ctx: RequestContext;
}

/** The API caller: a Bearer token (CLI, services) or the dashboard's session cookie. */
async function resolveUser(req: Request): Promise<User | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new Unauthenticated("The Authorization header must be 'Bearer <token>'.");
    }
    const user = await userForApiToken(db(), token);
    if (!user) throw new Unauthenticated("The API token is unknown, revoked or expired.");
    return user;
  }
  const session = await getSession();
  return session.token ? userForSession(db(), session.token) : null;
}

/** For route handlers: the caller, who must hold `permission` (401 if anonymous, 403 if not allowed). */
export async function requireCaller(req: Request, requestId: string, permission: Permission = "read"): Promise<Caller> {
  const user = await resolveUser(req);
  if (!user) throw new Unauthenticated();
  if (!can(user.role, permission)) {
    throw new Forbidden(`Your role (${user.role}) does not allow this: it needs the '${permission}' permission.`);
  }
  return { user, ctx: { actor: { id: user.id, label: user.email }, requestId } };
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<User> {
  const session = await getSession();
  const user = session.token ? await userForSession(db(), session.token) : null;
  if (!user) redirect("/sign-in");
  return user;
}
