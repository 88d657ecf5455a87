// Cron schedules (cron-parser): five fields, or six with seconds first. A scheduler that was down
// fires once for the latest slot it missed, not once per missed slot.
import { Invalid } from "@roundhouse/contracts";
import { CronExpressionParser } from "cron-parser";

function parse(expression: string, timezone: string, from: Date, path: string) {
  try {
    Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    throw new Invalid(`"${timezone}" is not a time zone; use an IANA name such as UTC or Europe/Berlin.`, [
      { path: path.replace(/schedule$/, "timezone"), message: "unknown time zone" },
    ]);
  }
  try {
    return CronExpressionParser.parse(expression, { currentDate: from, tz: timezone, strict: false });
  } catch (err) {
    throw new Invalid(`"${expression}" is not a cron expression (${(err as Error).message}); e.g. "0 3 * * 1" is Mondays at 03:00.`, [
      { path, message: "not a cron expression" },
    ]);
  }
}

/** The first slot after `from`. Throws Invalid naming `path` for a bad expression or time zone. */
export function nextSlot(expression: string, timezone: string, from: Date, path = "schedule"): Date {
  return parse(expression, timezone, from, path).next().toDate();
}

/** The latest slot at or before `now`, or null if there is none after `since`. */
export function dueSlot(expression: string, timezone: string, since: Date, now: Date): Date | null {
  // cron-parser's prev() is strictly before its current date: start a millisecond later.
  const slot = parse(expression, timezone, new Date(now.getTime() + 1), "schedule")
    .prev()
    .toDate();
  return slot > since ? slot : null;
}
