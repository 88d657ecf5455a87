import "server-only";
// The web app's serving library: one per process (kept on globalThis across dev reloads), started
// on the first predict call, listening for alias moves from then on.
import { type Serving, startServing } from "@roundhouse/serving";

const holder = globalThis as unknown as { roundhouseServing?: Promise<Serving> };

export function serving(): Promise<Serving> {
  if (!holder.roundhouseServing) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set: start Roundhouse with `pnpm start`, which provides it.");
    holder.roundhouseServing = startServing({ databaseUrl });
    holder.roundhouseServing.catch(() => {
      holder.roundhouseServing = undefined;
    });
  }
  return holder.roundhouseServing;
}
