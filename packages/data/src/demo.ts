// Real public data for a first look at the product, from the npm package vega-datasets: 3 million
// US flights of 2001 with a ready label (delayed more than 15 minutes), the airports they join to,
// and Seattle's weather (a multiclass label). Loaded once, on the first start of a local trial.
import { createRequire } from "node:module";
import path from "node:path";
import type { Db, RequestContext } from "@roundhouse/db";
import { ingestDataset } from "./datasets-service.ts";
import { literal, withConnection } from "./duckdb.ts";
import { withTempFiles } from "./temp-files.ts";

const dataDir = () => path.join(path.dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..", "data");

/** A data file shipped by the npm package vega-datasets (the demo data and the benchmarks use them). */
export const vegaDataFile = (name: string) => path.join(dataDir(), name);

export const DEMO_DATASETS = ["flights-2001", "airports", "seattle-weather"] as const;

/**
 * Loads the demo datasets not loaded yet: the small ones first, so they can be used within seconds
 * while the 3 million flights are still being read, and a start interrupted half-way finishes the
 * rest next time instead of leaving a demo without flights.
 */
export async function loadDemoDatasets(db: Db, ctx: RequestContext, log: (line: string) => void): Promise<number> {
  const present = new Set(
    (await db.dataset.findMany({ where: { name: { in: [...DEMO_DATASETS] } }, select: { name: true } })).map((d) => d.name),
  );
  if (present.size === DEMO_DATASETS.length) return 0;
  const dir = dataDir();
  await withTempFiles(async (temp) => {
    const load = async (name: (typeof DEMO_DATASETS)[number], file: () => Promise<string>, originalName: string, description: string) => {
      if (present.has(name)) return;
      const started = performance.now();
      const r = await ingestDataset(db, ctx, { name, description, file: await file(), originalName, sourceKind: "demo" });
      log(
        `demo dataset ${name}: ${r.version.rowCount.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    };
    await load(
      "airports",
      async () => path.join(dir, "airports.csv"),
      "airports.csv",
      "US airports with their IATA code, city, state and location (vega-datasets).",
    );
    await load(
      "seattle-weather",
      async () => path.join(dir, "seattle-weather.csv"),
      "seattle-weather.csv",
      "Daily weather in Seattle 2012-2015 (vega-datasets). Label: weather (sun, rain, drizzle, fog, snow).",
    );
    const flights = async () => {
      const file = temp(".parquet");
      // The label is derived once here so the demo trains out of the box.
      await withConnection((c) =>
        c.run(
          `COPY (SELECT *, delay > 15 AS delayed FROM read_parquet(${literal(path.join(dir, "flights-3m.parquet"))})) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`,
        ),
      );
      return file;
    };
    await load(
      "flights-2001",
      flights,
      "flights-3m.parquet",
      "3,000,000 US domestic flights, January to June 2001 (vega-datasets). Label: delayed (arrival delay over 15 minutes). Join origin or destination to airports.iata.",
    );
  });
  return DEMO_DATASETS.length - present.size;
}
