import { Conflict, type CreateUserRequest, NotFound, TOKENS_CHANNEL, type UpdateUserRequest, type UserDto } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db } from "./client.ts";
import type { User } from "./generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { endSessionsOfUser } from "./sessions.ts";
import { clearSignInFailures, countSignInAttempt } from "./sign-in-throttle.ts";

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

/** Everyone, oldest account first (Settings → Users). */
export async function listUsers(client: Db): Promise<UserDto[]> {
  return (await client.user.findMany({ orderBy: { createdAt: "asc" } })).map(toUserDto);
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

export interface SignInContext {
  requestId?: string;
  /** The client's address, for the per-address throttle. */
  address?: string;
}

/**
 * The user if the email and password match an enabled account, else null; TooManyRequests while
 * the account or address is locked (sign-in-throttle.ts). Audited without letting a guesser flood
 * the log: a success, the first failure of a streak, and each failure that starts a lock (with the
 * streak's count); the free failures in between are counted in the next event, locked ones not at all.
 */
export async function signIn(client: Db, email: string, password: string, at: SignInContext = {}): Promise<User | null> {
  const account = email.toLowerCase();
  const attempt = await countSignInAttempt(client, { account, address: at.address });
  const user = await client.user.findUnique({ where: { email: account } });
  const ok = await verifyPassword(user?.passwordHash ?? (await UNKNOWN_USER_HASH), password);
  const accepted = Boolean(user && ok && !user.disabledAt);
  if (accepted) await clearSignInFailures(client, { account, address: at.address });
  if (accepted || attempt.failures === 1 || attempt.lockedForSeconds > 0) {
    await client.$transaction(async (tx) => {
      if (accepted && user) await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      await audit(
        tx,
        { actor: { id: user?.id ?? null, label: account }, requestId: at.requestId },
        {
          action: accepted ? "auth.sign-in" : "auth.sign-in-failed",
          entityType: "user",
          entityId: user?.id ?? account,
          after: accepted ? undefined : { failures: attempt.failures, lockedForSeconds: attempt.lockedForSeconds, address: at.address },
        },
      );
    });
  }
  return accepted ? user : null;
}

/** An admin's change to an account; disabling it ends its sessions at once (its tokens stop working too). */
export async function updateUser(client: Db, ctx: RequestContext, id: string, input: UpdateUserRequest): Promise<User> {
  return client.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new NotFound("User", id);
    if (ctx.actor.id === id && (input.disabled === true || (input.role && input.role !== before.role))) {
      throw new Conflict("You cannot disable yourself or change your own role; ask another admin.", [
        { path: input.disabled ? "disabled" : "role", message: "not for your own account" },
      ]);
    }
    const disabledAt = input.disabled === undefined ? before.disabledAt : input.disabled ? (before.disabledAt ?? new Date()) : null;
    const after = await tx.user.update({ where: { id }, data: { role: input.role ?? before.role, disabledAt } });
    const ended = disabledAt && !before.disabledAt ? await endSessionsOfUser(tx, id, "user disabled") : 0;
    // Servers that remember tokens (the predict fast paths) forget them at once, at commit.
    if (after.role !== before.role || (disabledAt && !before.disabledAt))
      await tx.$executeRawUnsafe(`SELECT pg_notify('${TOKENS_CHANNEL}', '')`);
    await audit(tx, ctx, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: toUserDto(before),
      after: { ...toUserDto(after), ...(ended ? { sessionsEnded: ended } : {}) },
    });
    return after;
  });
}

export async function findActiveUser(client: Db, id: string): Promise<User | null> {
  const user = await client.user.findUnique({ where: { id } });
  return user && !user.disabledAt ? user : null;
}
