import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client.ts";

export function createDb(url: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

// One client per process; kept on globalThis so Next's dev reloads do not open a pool per edit.
const holder = globalThis as unknown as { roundhouseDb?: Db };

export function db(): Db {
  if (!holder.roundhouseDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Roundhouse with `pnpm start`, which provides it.");
    holder.roundhouseDb = createDb(url);
  }
  return holder.roundhouseDb;
}
