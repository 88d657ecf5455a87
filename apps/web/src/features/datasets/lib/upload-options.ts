import { DEFAULT_NULL_VALUES, type LogicalType, type TextEncoding } from "@roundhouse/contracts";

/** What the upload dialog lets a user say about a file; the same query options the API takes. */
export interface UploadChoices {
  description: string;
  /** "" = guessed from the header line. */
  delimiter: string;
  /** "" = a decimal comma only where a non-comma file's column is written with one. */
  decimal: "" | "." | ",";
  /** "" = UTF-8, or UTF-16 by the file's byte order mark. */
  encoding: "" | TextEncoding;
  header: boolean;
  /** Markers of a missing value, comma-separated; an empty cell is always missing. */
  nullValues: string;
  /** Column → type, only for the columns the user changed. */
  types: Record<string, Exclude<LogicalType, "other">>;
  /** "" = guessed from the values (the upload says so when a column's dates read either way). */
  dateFormat: string;
}

/** The date orders the dialog offers (strftime, as the API's dateFormat takes them). */
export const DATE_FORMATS = [
  { format: "%d/%m/%Y", label: "Day first 31/12/2024" },
  { format: "%m/%d/%Y", label: "Month first 12/31/2024" },
  { format: "%d.%m.%Y", label: "Day first 31.12.2024" },
] as const;

export const DEFAULT_CHOICES: UploadChoices = {
  description: "",
  delimiter: "",
  decimal: "",
  encoding: "",
  header: true,
  nullValues: DEFAULT_NULL_VALUES.filter((v) => v !== "").join(", "),
  types: {},
  dateFormat: "",
};

export const COLUMN_TYPES = ["integer", "float", "boolean", "string", "date", "timestamp"] as const;

/** The query string of an upload (or its preview) with these choices. */
export function uploadQuery(choices: UploadChoices, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams(extra);
  if (choices.description.trim()) q.set("description", choices.description.trim());
  if (choices.delimiter) q.set("delimiter", choices.delimiter);
  if (choices.decimal) q.set("decimal", choices.decimal);
  if (choices.encoding) q.set("encoding", choices.encoding);
  if (!choices.header) q.set("header", "false");
  const markers = choices.nullValues
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  q.set("nullValues", JSON.stringify(["", ...markers]));
  if (Object.keys(choices.types).length) q.set("types", JSON.stringify(choices.types));
  if (choices.dateFormat) q.set("dateFormat", choices.dateFormat);
  return q;
}
