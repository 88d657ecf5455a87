import "server-only";
import { sessionLifetimes } from "@roundhouse/db";
import { getIronSession } from "iron-session";
import { cookies } from "next/headers";

/** The sealed cookie holds only the session's random token; the sessions table decides (packages/db/sessions.ts). */
export interface SessionData {
  token?: string;
}

export const SESSION_COOKIE = "roundhouse_session";

function secret(): string {
  const s = process.env.ROUNDHOUSE_SESSION_SECRET;
  if (!s || s.length < 32) {
    throw new Error("ROUNDHOUSE_SESSION_SECRET must be set (32+ characters); `pnpm start` provides one.");
  }
  return s;
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), {
    cookieName: SESSION_COOKIE,
    password: secret(),
    // The cookie may outlive the session row by a little; the row's absolute lifetime is what counts.
    ttl: sessionLifetimes().absoluteMs / 1000,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.ROUNDHOUSE_SECURE_COOKIES === "1",
      path: "/",
    },
  });
}

/**
 * The client's address for the sign-in throttle: the first X-Forwarded-For entry, which Next.js
 * fills from the socket when the client sent none. A client can send its own, so behind no proxy
 * the per-address limit is advisory; the per-account limit does not depend on it.
 */
export function clientAddress(req: Request): string | undefined {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64) || undefined;
}
