import path from "node:path";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@roundhouse/db/embedded-postgres";
import { config } from "./config.ts";

/** DATABASE_URL when set; otherwise the embedded server under ROUNDHOUSE_HOME/postgres. */
export async function openDatabase(log: (line: string) => void): Promise<{ url: string; server?: EmbeddedPostgres }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const server = await startEmbeddedPostgres({ dir: path.join(config.home, "postgres"), port: config.pgPort, log });
  return { url: server.url, server };
}

export async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const { url, server } = await openDatabase((line) => console.log(`[postgres] ${line}`));
  try {
    await fn(url);
  } finally {
    await server?.stop();
  }
}
