// API tokens for the predict fast paths (`roundhouse serve`, and the web app's server in front of
// Next.js), read with one SQL query and remembered, so the hot path does not wait for PostgreSQL
// on every request. A revocation, or a user's disabling or role change, is announced with NOTIFY
// (packages/db) and empties the memory at once; should a notification be lost with its
// connection, nothing is remembered longer than `ttlMillis`.
import { createHash } from "node:crypto";
import { can, type Role, TOKENS_CHANNEL } from "@roundhouse/contracts";
import pg from "pg";

export interface TokenCaller {
  email: string;
  role: Role;
}

export interface TokenAuthenticator {
  authenticate(token: string): Promise<TokenCaller | null>;
  close(): Promise<void>;
}

export async function tokenAuthenticator(databaseUrl: string, ttlMillis = 10_000): Promise<TokenAuthenticator> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const cache = new Map<string, { caller: TokenCaller; until: number }>();
  let listener: pg.Client | null = null;
  let closed = false;
  const listen = async () => {
    if (closed) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("notification", () => cache.clear());
    client.on("error", () => {
      // Not listening: what is remembered could be stale. Forget it and remember nothing until
      // listening again.
      cache.clear();
      listener = null;
      setTimeout(() => void listen().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${TOKENS_CHANNEL}`);
    listener = client;
  };
  await listen();
  return {
    async authenticate(token) {
      const hash = createHash("sha256").update(token).digest("hex");
      const hit = cache.get(hash);
      if (hit && hit.until > Date.now()) return hit.caller;
      const { rows } = await pool.query<TokenCaller & { expires_at: Date | null }>(
        `SELECT u.email, u.role, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
        [hash],
      );
      const row = rows[0];
      const caller = row ? { email: row.email, role: row.role } : null;
      const until = Math.min(Date.now() + ttlMillis, row?.expires_at?.getTime() ?? Number.POSITIVE_INFINITY);
      if (caller && listener && can(caller.role, "models:predict")) cache.set(hash, { caller, until });
      else cache.delete(hash);
      return caller;
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
