import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
export { Prisma } from "./generated/prisma/client.ts";

export function createDb(url: string, poolSize = 10, statementTimeoutMs?: number): Db {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: url,
      max: poolSize,
      ...(statementTimeoutMs ? { options: `-c statement_timeout=${Math.round(statementTimeoutMs)}` } : {}),
    }),
  });
}

// One client per process; kept on globalThis so Next's dev reloads do not open a pool per edit.
const holder = globalThis as unknown as { roundhouseDb?: Db };

export function db(): Db {
  if (!holder.roundhouseDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Roundhouse with `pnpm start`, which provides it.");
    // Requests wait at most this long for one statement (ROUNDHOUSE_STATEMENT_TIMEOUT_SECONDS, 60 s).
    holder.roundhouseDb = createDb(url, 10, Number(process.env.ROUNDHOUSE_STATEMENT_TIMEOUT_SECONDS ?? 60) * 1000);
  }
  return holder.roundhouseDb;
}

/** A unique index refused the row (Prisma P2002, PostgreSQL 23505): someone made it first. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "P2002" || code === "23505";
}

/** Prisma's messages quote the call over several lines; the driver's reason is the line that matters. */
export function briefly(err: unknown): string {
  const lines = String((err as Error)?.message ?? err)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const reason = lines.find((l) => l.includes("Message: ")) ?? lines[lines.length - 1] ?? "";
  return reason.replace(/^.*Message: `?|`$/g, "");
}
