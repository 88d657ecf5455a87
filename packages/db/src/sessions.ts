// Dashboard sessions kept on the server: the cookie holds only a random token, and the row it
// names decides. So signing out, disabling the user or an idle hour ends a session at once, even
// for a cookie someone saved earlier (a sealed cookie alone would stay valid until it expired).
import { createHash, randomBytes } from "node:crypto";
import type { Db, Prisma } from "./client.ts";
import type { User } from "./generated/prisma/client.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Lifetimes, from the environment (README: configuration). */
export function sessionLifetimes(env = process.env) {
  const idleMinutes = Number(env.ROUNDHOUSE_SESSION_IDLE_MINUTES ?? 120);
  const absoluteHours = Number(env.ROUNDHOUSE_SESSION_HOURS ?? 12);
  return { idleMs: idleMinutes * 60_000, absoluteMs: absoluteHours * 3_600_000 };
}

export async function startSession(client: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + sessionLifetimes().absoluteMs);
  await client.session.create({ data: { userId, tokenHash: sha256(token), expiresAt } });
  return { token, expiresAt };
}

/** The session's user while the session is live (not ended, not idle too long, not expired, user enabled). */
export async function userForSession(client: Db, token: string): Promise<User | null> {
  const found = await client.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!found || found.endedAt || found.user.disabledAt) return null;
  const now = Date.now();
  if (found.expiresAt.getTime() <= now) return null;
  if (now - found.lastSeenAt.getTime() > sessionLifetimes().idleMs) {
    await client.session.update({ where: { id: found.id }, data: { endedAt: new Date(), endedReason: "idle" } });
    return null;
  }
  // Touch at most once a minute: a dashboard polling every few seconds should not write each time.
  if (now - found.lastSeenAt.getTime() > 60_000) {
    await client.session.update({ where: { id: found.id }, data: { lastSeenAt: new Date() } });
  }
  return found.user;
}

export async function endSession(client: Db, token: string, reason = "signed out"): Promise<void> {
  await client.session.updateMany({
    where: { tokenHash: sha256(token), endedAt: null },
    data: { endedAt: new Date(), endedReason: reason },
  });
}

/** Ends every live session of a user (disabled, password changed); returns how many. */
export async function endSessionsOfUser(tx: Prisma.TransactionClient, userId: string, reason: string): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endedReason: reason } });
  return count;
}
