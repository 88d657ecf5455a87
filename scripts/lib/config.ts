// Launcher settings from the environment; the README's configuration table lists the same names.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "@roundhouse/db/migrations";

export const root = repoRoot();

export const config = {
  home: path.resolve(root, process.env.ROUNDHOUSE_HOME ?? ".roundhouse"),
  databaseUrl: process.env.DATABASE_URL || undefined,
  // With an external PostgreSQL: the owner's URL for migrations; DATABASE_URL is then the app's role.
  ownerDatabaseUrl: process.env.ROUNDHOUSE_OWNER_DATABASE_URL || undefined,
  pgPort: Number(process.env.ROUNDHOUSE_PG_PORT ?? 54329),
  webPort: Number(process.env.PORT ?? 3000),
  // Loopback only by default: the demo accounts' passwords are public. HOST=0.0.0.0 opens it.
  webHost: process.env.HOST || "127.0.0.1",
  demo: process.env.ROUNDHOUSE_DEMO !== "0",
};

/** The cookie-sealing secret: from the environment, or made once and kept in the home folder. */
export function sessionSecret(): string {
  if (process.env.ROUNDHOUSE_SESSION_SECRET) return process.env.ROUNDHOUSE_SESSION_SECRET;
  const file = path.join(config.home, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.home, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
