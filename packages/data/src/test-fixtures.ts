// Helpers for this package's integration tests: a data home of their own, a user to act as, and
// files written on the spot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, createUser, type Db, type RequestContext, SYSTEM_ACTOR } from "@roundhouse/db";

export async function setUpDataTests(databaseUrl: string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-data-"));
  process.env.ROUNDHOUSE_HOME = home;
  const db: Db = createDb(databaseUrl, 4);
  const email = `data-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const user = await createUser(db, { actor: SYSTEM_ACTOR }, { email, name: "Data Tester", role: "engineer", password: "0123456789" });
  const ctx: RequestContext = { actor: { id: user.id, label: email }, requestId: "test" };
  const files = path.join(home, "fixtures");
  fs.mkdirSync(files);
  return {
    db,
    ctx,
    home,
    /** Writes a fixture file and returns its path. */
    file: (name: string, content: string | Buffer) => {
      const p = path.join(files, name);
      fs.writeFileSync(p, content);
      return p;
    },
    /** Every file under the data store and its temporary area (fixtures excluded). */
    storedFiles: () => (fs.readdirSync(home, { recursive: true }) as string[]).filter((f) => !f.startsWith("fixtures") && f.includes(".")),
    cleanUp: async () => {
      await db.$disconnect();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
