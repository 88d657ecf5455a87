import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { datasetRoutes } from "@roundhouse/contracts";
import { getDatasetVersion, literal, withConnection } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { fileResponse } from "@/server/file-response";
import { route } from "@/server/http";

/** The stored Parquet as it is, or the same rows as CSV (written by DuckDB to a temp file, removed once sent). */
export const GET = route(datasetRoutes.download, async ({ params, query }) => {
  const { dto, file } = await getDatasetVersion(db(), params.id);
  const base = `${dto.datasetName}-v${dto.version}`;
  if (query.format === "parquet") return fileResponse(file, `${base}.parquet`, "application/vnd.apache.parquet");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-download-"));
  const csv = path.join(dir, `${base}.csv`);
  await withConnection((c) => c.run(`COPY (SELECT * FROM read_parquet(${literal(file)})) TO ${literal(csv)} (HEADER, DELIMITER ',')`));
  return fileResponse(csv, `${base}.csv`, "text/csv; charset=utf-8", () => fs.rmSync(dir, { recursive: true, force: true }));
});
