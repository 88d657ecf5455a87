import { type FieldProblem, Invalid, type RoundhouseError } from "@roundhouse/contracts";
import { outOfDuckDbMemory } from "./duckdb.ts";

/**
 * DuckDB's messages are long and name internal options; keep the sentence a user can act on and
 * the line number, and say which file.
 */
export function explainReadError(err: unknown, what: string, path = "file"): RoundhouseError {
  const tooBig = outOfDuckDbMemory(err, what);
  if (tooBig) return tooBig;
  const message = err instanceof Error ? err.message : String(err);
  const line = /on Line: (\d+)/.exec(message)?.[1];
  const at = line ? ` (line ${line})` : "";
  let reason: string;
  if (/Invalid unicode|not utf-8/i.test(message))
    reason =
      `is not valid UTF-8 text${at}; save it as UTF-8, or upload it with encoding "windows-1252" ` +
      "if Excel saved it as CSV on Windows in Western Europe (Latin-1)";
  else if (/Expected Number of Columns: (\d+) Found: (\d+)/.test(message)) {
    const [, expected, found] = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message) ?? [];
    reason = `has a row with ${found} values where the header has ${expected}${at}`;
  } else if (/Could not convert string ['"]?(.*?)['"]? to '?(\w+)'?/i.test(message)) {
    const [, value, type] = /Could not convert string ['"]?(.*?)['"]? to '?(\w+)'?/i.exec(message) ?? [];
    const column = /column "?([^"\s]+)"? /i.exec(message)?.[1];
    reason = `has the value "${value}"${column ? ` in column "${column}"` : ""}${at}, which is not a valid ${type?.toLowerCase()}`;
  } else if (/No magic bytes|not a parquet file|Invalid Parquet/i.test(message)) reason = "is not a valid Parquet file";
  else if (/Malformed JSON|JSON.*error/i.test(message)) reason = `is not valid JSON Lines${at}: ${firstLine(message)}`;
  else reason = `could not be read: ${firstLine(message)}`;
  return new Invalid(`The ${what} ${reason}.`, [{ path, message: reason }]);
}

function firstLine(message: string) {
  const line =
    message
      .split("\n")
      .find((l) => l.trim() && !/^(Invalid Input Error|Conversion Error):?\s*$/.test(l))
      ?.replace(/^\w+ Error: /, "") ?? message;
  return withoutPaths(line);
}

/** The server's own file paths (temporary files, the data store) are not the caller's business. */
export function withoutPaths(text: string): string {
  return text.replace(/(["']?)(?:\/[\w.@+~-]+){2,}\/?\1/g, "the file");
}

export function invalid(path: string, message: string): Invalid {
  const problems: FieldProblem[] = [{ path, message }];
  return new Invalid(message, problems);
}
