// Real public data for a first look at the product, from the npm package vega-datasets: 3 million
// US flights of 2001 with a ready label (delayed more than 15 minutes), the airports they join to,
// and Seattle's weather (a multiclass label). Loaded once, on the first start of a local trial.
import { createRequire } from "node:module";
import path from "node:path";
import type { Db, RequestContext } from "@roundhouse/db";
import { ingestDataset } from "./datasets-service.ts";
import { literal, withConnection } from "./duckdb.ts";
import { withTempFiles } from "./store.ts";

const dataDir = () => path.join(path.dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..", "data");

/** A data file shipped by the npm package vega-datasets (the demo data and the benchmarks use them). */
export const vegaDataFile = (name: string) => path.join(dataDir(), name);

export const DEMO_DATASETS = ["flights-2001", "airports", "seattle-weather"] as const;

export async function loadDemoDatasets(db: Db, ctx: RequestContext, log: (line: string) => void): Promise<number> {
  if (await db.dataset.findFirst({ where: { name: { in: [...DEMO_DATASETS] } } })) return 0;
  const dir = dataDir();
  await withTempFiles(async (temp) => {
    const flights = temp(".parquet");
    // The label is derived once here so the demo trains out of the box.
    await withConnection((c) =>
      c.run(
        `COPY (SELECT *, delay > 15 AS delayed FROM read_parquet(${literal(path.join(dir, "flights-3m.parquet"))})) TO ${literal(flights)} (FORMAT parquet, COMPRESSION zstd)`,
      ),
    );
    const load = async (name: string, file: string, originalName: string, description: string) => {
      const started = performance.now();
      const r = await ingestDataset(db, ctx, { name, description, file, originalName, sourceKind: "demo" });
      log(
        `demo dataset ${name}: ${r.version.rowCount.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    };
    await load(
      "flights-2001",
      flights,
      "flights-3m.parquet",
      "3,000,000 US domestic flights, January to June 2001 (vega-datasets). Label: delayed (arrival delay over 15 minutes). Join origin or destination to airports.iata.",
    );
    await load(
      "airports",
      path.join(dir, "airports.csv"),
      "airports.csv",
      "US airports with their IATA code, city, state and location (vega-datasets).",
    );
    await load(
      "seattle-weather",
      path.join(dir, "seattle-weather.csv"),
      "seattle-weather.csv",
      "Daily weather in Seattle 2012-2015 (vega-datasets). Label: weather (sun, rain, drizzle, fog, snow).",
    );
  });
  return DEMO_DATASETS.length;
}
