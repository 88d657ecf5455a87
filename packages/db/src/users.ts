import { Conflict, type CreateUserRequest, type UserDto } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db } from "./client.ts";
import type { User } from "./generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    disabled: u.disabledAt !== null,
  };
}

export async function createUser(client: Db, ctx: RequestContext, input: CreateUserRequest): Promise<User> {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return client.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new Conflict(`A user with email ${email} already exists.`, [{ path: "email", message: "already in use" }]);
    }
    const user = await tx.user.create({ data: { email, name: input.name, role: input.role, passwordHash } });
    await audit(tx, ctx, { action: "user.create", entityType: "user", entityId: user.id, after: toUserDto(user) });
    return user;
  });
}

// Verified when the email is unknown too, so response time does not reveal which emails exist.
const UNKNOWN_USER_HASH = hashPassword("no such user: constant-time filler");

/** The user if the email and password match an enabled account, else null. Audited either way. */
export async function signIn(client: Db, email: string, password: string, requestId?: string): Promise<User | null> {
  const user = await client.user.findUnique({ where: { email: email.toLowerCase() } });
  const ok = await verifyPassword(user?.passwordHash ?? (await UNKNOWN_USER_HASH), password);
  const accepted = Boolean(user && ok && !user.disabledAt);
  await client.$transaction(async (tx) => {
    if (accepted && user) await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await audit(
      tx,
      { actor: { id: user?.id ?? null, label: email.toLowerCase() }, requestId },
      { action: accepted ? "auth.sign-in" : "auth.sign-in-failed", entityType: "user", entityId: user?.id ?? email.toLowerCase() },
    );
  });
  return accepted ? user : null;
}

export async function findActiveUser(client: Db, id: string): Promise<User | null> {
  const user = await client.user.findUnique({ where: { id } });
  return user && !user.disabledAt ? user : null;
}
