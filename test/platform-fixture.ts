// What an end-to-end integration suite stands on: its own ROUNDHOUSE_HOME, the shared test
// database, an engineer and an approver, a worker (and, when asked, the serving process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@roundhouse/db";
import { type Serving, startServing } from "@roundhouse/serving";
import { startWorker } from "@roundhouse/worker";
import { inject } from "vitest";
import { type Person, person } from "./registry-fixture.ts";

type WorkerOptions = Omit<Parameters<typeof startWorker>[0], "databaseUrl">;

export interface Platform {
  home: string;
  db: Db;
  engineer: Person;
  approver: Person;
  worker: Awaited<ReturnType<typeof startWorker>>;
  serving: Serving | null;
  /** Stops what was started and removes the home folder; `beforeDisconnect` runs with the database still open. */
  stop(beforeDisconnect?: (db: Db) => Promise<unknown>): Promise<void>;
}

/** Call in beforeAll: `tag` names the suite's folder and people. */
export async function startPlatform(tag: string, o: { serving?: boolean; worker?: Partial<WorkerOptions> } = {}): Promise<Platform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `roundhouse-${tag}-`));
  process.env.ROUNDHOUSE_HOME = home;
  process.env.DATABASE_URL = inject("databaseUrl");
  const db = createDb(inject("databaseUrl"), 4);
  const engineer = await person(db, "engineer", tag);
  const approver = await person(db, "approver", tag);
  const worker = await startWorker({ databaseUrl: inject("databaseUrl"), slots: 2, pollMs: 300, log: () => {}, ...o.worker });
  const serving = o.serving ? await startServing({ databaseUrl: inject("databaseUrl"), aliasCheckMillis: 60_000 }) : null;
  return {
    home,
    db,
    engineer,
    approver,
    worker,
    serving,
    async stop(beforeDisconnect) {
      await serving?.close();
      await worker.stop();
      await beforeDisconnect?.(db);
      await db.$disconnect();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
