// Rows that are exact copies of others, in every column: the same records exported twice, or a
// month's file appended twice under another name. A random holdout then holds copies of training
// rows, the model is marked on rows it has seen, and its metrics (and a retraining's comparison)
// look better than the model is. Said, not changed: a few copies are real (two flights on the same
// route in the same minute with the same delay: 191 of flights-2001's 3M rows), so only a share of
// at least 1% is worth a word.
import { type DuckConnection, literal, queryRows } from "./duckdb.ts";

const WORTH_SAYING = 0.01;
const count = (n: number) => n.toLocaleString("en-US");
const CONSEQUENCE =
  "a random holdout holds copies of training rows and its metrics look better than the model is; remove them, or hold out by date";

/** A warning when at least 1% of the stored file's rows copy an earlier row (a hash of every column: 0.34 s on 3M rows). */
export async function copiedRows(c: DuckConnection, file: string): Promise<string[]> {
  const [row] = await queryRows(
    c,
    `SELECT count(*)::BIGINT AS n, (count(*) - count(DISTINCT hash(*COLUMNS(*))))::BIGINT AS copies FROM read_parquet(${literal(file)})`,
  );
  const [n, copies] = [Number(row?.n ?? 0), Number(row?.copies ?? 0)];
  if (copies === 0 || copies < n * WORTH_SAYING) return [];
  return [
    `${count(copies)} row(s) (${((copies / n) * 100).toFixed(1)}%) are exact copies of other rows, in every column. If they are the same records twice, ${CONSEQUENCE}.`,
  ];
}

/** A warning when at least 1% of the rows after the first `previousRows` of `combined` copy one of those. */
export async function appendedCopies(c: DuckConnection, combined: string, previousRows: number): Promise<string[]> {
  const [row] = await queryRows(
    c,
    `WITH r AS (SELECT file_row_number < ${previousRows} AS old, hash(*COLUMNS(* EXCLUDE (file_row_number))) AS h
       FROM read_parquet(${literal(combined)}, file_row_number = true))
     SELECT count(*) FILTER (WHERE NOT old)::BIGINT AS added,
       count(*) FILTER (WHERE NOT old AND h IN (SELECT h FROM r WHERE old))::BIGINT AS copies FROM r`,
  );
  const [added, copies] = [Number(row?.added ?? 0), Number(row?.copies ?? 0)];
  if (copies === 0 || copies < added * WORTH_SAYING) return [];
  return [
    `${count(copies)} of the ${count(added)} appended rows are exact copies of rows the dataset already had, in every column (the same file or period appended twice?). Then ${CONSEQUENCE}.`,
  ];
}
