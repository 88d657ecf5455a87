// First-start accounts. On the embedded default (a local trial) we create one account per role
// with known passwords so four-eyes approval can be tried at once; against an external database
// only an admin is created, with a password from ROUNDHOUSE_ADMIN_PASSWORD or a random one.
import { randomBytes } from "node:crypto";
import type { Role } from "@roundhouse/contracts";
import { SYSTEM_ACTOR } from "./audit.ts";
import type { Db } from "./client.ts";
import { createUser } from "./users.ts";

export interface SeededAccount {
  email: string;
  password: string;
  role: Role;
}

export const DEMO_ACCOUNTS: SeededAccount[] = [
  { email: "admin@roundhouse.local", password: "admin-roundhouse", role: "admin" },
  { email: "engineer@roundhouse.local", password: "engineer-roundhouse", role: "engineer" },
  { email: "approver@roundhouse.local", password: "approver-roundhouse", role: "approver" },
  { email: "viewer@roundhouse.local", password: "viewer-roundhouse", role: "viewer" },
];

const NAMES: Record<Role, string> = { admin: "Ada Admin", engineer: "Eli Engineer", approver: "Abe Approver", viewer: "Vi Viewer" };

/** Creates the first accounts when there are no users; returns what it created (empty otherwise). */
export async function seedAccounts(client: Db, opts: { demo: boolean }): Promise<SeededAccount[]> {
  if ((await client.user.count()) > 0) return [];
  const accounts = opts.demo
    ? DEMO_ACCOUNTS
    : [
        {
          email: process.env.ROUNDHOUSE_ADMIN_EMAIL ?? "admin@roundhouse.local",
          password: process.env.ROUNDHOUSE_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url"),
          role: "admin" as const,
        },
      ];
  for (const a of accounts) {
    await createUser(client, { actor: SYSTEM_ACTOR }, { ...a, name: NAMES[a.role] });
  }
  return accounts;
}
