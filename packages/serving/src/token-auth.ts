// API tokens for the standalone server, read with one SQL query and remembered for a short while:
// the hot path must not wait for PostgreSQL on every request. A revoked token stops working within
// `ttlMillis` (the web app checks on every request).
import { createHash } from "node:crypto";
import { can, type Role } from "@roundhouse/contracts";
import type pg from "pg";

export interface TokenCaller {
  email: string;
  role: Role;
}

export function tokenAuthenticator(pool: pg.Pool, ttlMillis = 10_000) {
  const cache = new Map<string, { caller: TokenCaller; until: number }>();
  return async function authenticate(token: string): Promise<TokenCaller | null> {
    const hash = createHash("sha256").update(token).digest("hex");
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.caller;
    const { rows } = await pool.query<TokenCaller>(
      `SELECT u.email, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [hash],
    );
    const caller = rows[0] ?? null;
    if (caller && can(caller.role, "models:predict")) cache.set(hash, { caller, until: Date.now() + ttlMillis });
    else cache.delete(hash);
    return caller;
  };
}
