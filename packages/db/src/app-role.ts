// Least privilege: the web app and the worker connect as a role that can read and write rows and
// nothing more. It owns no table, so it cannot drop or alter one, switch a trigger off, or set
// session_replication_role (superuser only); on the append-only tables (audit events, checkpoints,
// decision batches, decisions) it may not even ask to UPDATE or DELETE. Migrations run as the owner.
import pg from "pg";

export const APP_ROLE = "roundhouse_app";

const APPEND_ONLY = ["audit_events", "audit_checkpoints", "decision_batches", "decisions"];

/** Creates the app role (or resets its password) and grants it what the product needs. Idempotent. */
export async function grantAppRole(ownerUrl: string, password: string, role = APP_ROLE): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const [{ db, owner }] = (await client.query("SELECT current_database() AS db, current_user AS owner")).rows as [
      { db: string; owner: string },
    ];
    if (owner === role) throw new Error(`The app role and the owner are both "${role}": give DATABASE_URL a role of its own.`);
    const r = client.escapeIdentifier(role);
    const secret = client.escapeLiteral(password);
    const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
    await client.query(
      `${exists ? "ALTER" : "CREATE"} ROLE ${r} LOGIN PASSWORD ${secret} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
    );
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${client.escapeIdentifier(db)} TO ${r}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
    // Tables a later migration makes are the app's to use as well.
    const o = client.escapeIdentifier(owner);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
    for (const table of APPEND_ONLY) {
      if ((await client.query("SELECT to_regclass($1) IS NOT NULL AS ok", [table])).rows[0]?.ok) {
        await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${client.escapeIdentifier(table)} FROM ${r}`);
      }
    }
  } finally {
    await client.end();
  }
}

/** The same server and database as `url`, reached as `role`. */
export function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}
