// Dates and timestamps as training takes them: a value without a time zone is UTC (DuckDB's
// epoch_ms of the stored value), whereas Date.parse reads "2024-03-15 10:00:00" as the local time of
// whichever machine parses it (in New York, 14:00 UTC).

/** The text with "Z" added when it is a date or a timestamp without a zone, for Date.parse. */
export function asUtc(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return `${text.replace(" ", "T")}Z`;
  return text;
}

/** Epoch milliseconds of a date or timestamp, UTC unless it names a zone; NaN when it is neither. */
export const utcMillis = (text: string) => Date.parse(asUtc(text));
