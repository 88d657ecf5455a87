// Rows that stop meaning anything: sign-in throttles whose streak is forgotten and whose lock has
// passed (an attacker trying random emails would otherwise grow the table forever), and sessions
// that ended or expired more than a month ago (kept that long for "who was signed in when").
import type { Db } from "./client.ts";
import { THROTTLE } from "./sign-in-throttle.ts";

const KEEP_ENDED_SESSIONS_MS = 30 * 24 * 3600 * 1000;

export async function pruneAccessRecords(client: Db, now = new Date()): Promise<{ throttles: number; sessions: number }> {
  const forgotten = new Date(now.getTime() - THROTTLE.forgetAfterSeconds * 1000);
  const throttles = await client.signInThrottle.deleteMany({
    where: { lastFailedAt: { lt: forgotten }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  const longAgo = new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS);
  const sessions = await client.session.deleteMany({ where: { OR: [{ endedAt: { lt: longAgo } }, { expiresAt: { lt: longAgo } }] } });
  return { throttles: throttles.count, sessions: sessions.count };
}
