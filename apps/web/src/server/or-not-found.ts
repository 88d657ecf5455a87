import "server-only";
import { NotFound } from "@roundhouse/contracts";
import { notFound } from "next/navigation";

/**
 * Awaits a read for a page and turns only "this thing does not exist" into the 404 page. Every other
 * failure (the database is down, a bug) propagates to the error boundary, so an outage is never shown
 * to a user as "not found".
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}
