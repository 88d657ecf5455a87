// Sign-in throttling per account and per client address. Each attempt is counted before the
// password is checked (so 50 parallel guesses count as 50), the first few are free, and each one
// after that locks the key for twice as long as the last (1 s, 2 s, 4 s … at most 15 minutes).
// A locked key answers 429 without checking the password and without an audit row; a streak is
// forgotten 15 minutes after its last failure, and a successful sign-in clears the account's.
import { TooManyRequests } from "@roundhouse/contracts";
import type { Db } from "./client.ts";

export const THROTTLE = {
  /** Free attempts per account before the back-off starts. */
  account: 5,
  /** Free attempts per client address (several people may share one). */
  address: 20,
  maxLockSeconds: 900,
  forgetAfterSeconds: 900,
} as const;

export interface ThrottleKeys {
  account: string;
  address?: string;
}

export interface AttemptCount {
  /** Failures in the account's current streak, this attempt included. */
  failures: number;
  /** Seconds the account is now locked for (0 while the free attempts last). */
  lockedForSeconds: number;
}

/**
 * Counts one attempt against the account and the address, or throws TooManyRequests (with the
 * seconds to wait) when either is locked. Rows are locked while counted, so concurrent attempts
 * cannot slip past a lock.
 */
export async function countSignInAttempt(client: Db, keys: ThrottleKeys): Promise<AttemptCount> {
  const targets: [string, number][] = [[`account:${keys.account}`, THROTTLE.account]];
  if (keys.address) targets.push([`address:${keys.address}`, THROTTLE.address]);
  return client.$transaction(async (tx) => {
    const now = Date.now();
    const rows = [];
    for (const [key, free] of targets) {
      await tx.$executeRaw`INSERT INTO sign_in_throttles (key, failures, last_failed_at) VALUES (${key}, 0, now()) ON CONFLICT DO NOTHING`;
      const [row] = await tx.$queryRaw<{ failures: number; last_failed_at: Date; locked_until: Date | null }[]>`
        SELECT failures, last_failed_at, locked_until FROM sign_in_throttles WHERE key = ${key} FOR UPDATE`;
      if (row) rows.push({ key, free, failures: row.failures, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until });
    }
    const wait = Math.max(0, ...rows.map((row) => Math.ceil(((row.lockedUntil?.getTime() ?? 0) - now) / 1000)));
    if (wait > 0) throw new TooManyRequests(`Too many failed sign-ins: try again in ${wait} s.`, wait);
    let counted: AttemptCount = { failures: 0, lockedForSeconds: 0 };
    for (const row of rows) {
      const stale = now - row.lastFailedAt.getTime() > THROTTLE.forgetAfterSeconds * 1000;
      const failures = stale ? 1 : row.failures + 1;
      const lockedForSeconds = failures >= row.free ? Math.min(THROTTLE.maxLockSeconds, 2 ** (failures - row.free)) : 0;
      const lockedUntil = lockedForSeconds ? new Date(now + lockedForSeconds * 1000) : null;
      await tx.signInThrottle.update({ where: { key: row.key }, data: { failures, lastFailedAt: new Date(now), lockedUntil } });
      if (row.key.startsWith("account:")) counted = { failures, lockedForSeconds };
    }
    return counted;
  });
}

/**
 * After a successful sign-in: the account's streak is over, and this attempt is taken back off the
 * address's count (which then holds only failures, so many people signing in from one office
 * address never lock it).
 */
export async function clearSignInFailures(client: Db, keys: ThrottleKeys): Promise<void> {
  await client.signInThrottle.deleteMany({ where: { key: `account:${keys.account}` } });
  if (keys.address) {
    await client.$executeRaw`UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0),
      locked_until = CASE WHEN failures - 1 < ${THROTTLE.address} THEN NULL ELSE locked_until END
      WHERE key = ${`address:${keys.address}`}`;
  }
}
