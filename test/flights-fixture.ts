// Real rows split by time for the retraining and monitoring tests: US flights of 2001 by month.
import path from "node:path";
import { literal, withConnection } from "@roundhouse/data";

const VEGA = path.join(import.meta.dirname, "..", "packages", "data", "node_modules", "vega-datasets", "data");

/**
 * 15,000 flights of one month as a CSV a user would export, with a Yes/No label; "shuffled" deals
 * the month's real labels out to other rows: the same share of delays, no relation to the flight.
 */
export async function flightsMonth(dir: string, m: number, label: "real" | "shuffled" = "real"): Promise<string> {
  const file = path.join(dir, `flights-2001-${m}-${label}.csv`);
  const order = label === "real" ? "n" : "hash(n * 7919)";
  await withConnection((c) =>
    c.run(`COPY (
      WITH flights AS (
        SELECT row_number() OVER (ORDER BY date, origin, destination, distance) AS n, * FROM read_parquet(${literal(path.join(VEGA, "flights-3m.parquet"))})
        WHERE month(date) = ${m} AND delay IS NOT NULL QUALIFY n <= 15000),
      labels AS (SELECT row_number() OVER (ORDER BY ${order}) AS n, CASE WHEN delay > 15 THEN 'Yes' ELSE 'No' END AS delayed FROM flights)
      SELECT hour(date) AS hour, dayofweek(date) AS weekday, distance, origin, destination, delayed
      FROM flights JOIN labels USING (n) ORDER BY n) TO ${literal(file)} (FORMAT csv, HEADER)`),
  );
  return file;
}
