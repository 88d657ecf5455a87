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

/** For route() only: the caller (401 if anonymous); route() then checks the declared permission. */
export async function authenticate(req: Request, requestId: string): Promise<Caller> {
  const user = await resolveUser(req);
  if (!user) throw new Unauthenticated();
  return { user, ctx: { actor: { id: user.id, label: user.email }, requestId } };
}

/** 403 unless the caller's role holds `permission`. */
export function authorize(caller: Caller, permission: Permission): void {
  if (!can(caller.user.role, permission)) {
    throw new Forbidden(`Your role (${caller.user.role}) does not allow this: it needs the '${permission}' permission.`);
  }
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<User> {
  const session = await getSession();
  const user = session.token ? await userForSession(db(), session.token) : null;
  if (!user) redirect("/sign-in");
  return user;
}
