"use client";

/**
 * A time in the reader's time zone and locale. Server-rendered pages print it once in the
 * server's and the browser corrects it; the difference is expected, not a hydration bug.
 */
export function LocalTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {new Date(iso).toLocaleString()}
    </time>
  );
}
