import "server-only";
import { getIronSession } from "iron-session";
import { cookies } from "next/headers";

export interface SessionData {
  userId: string;
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
    ttl: 12 * 60 * 60,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.ROUNDHOUSE_SECURE_COOKIES === "1",
      path: "/",
    },
  });
}
