// A dataset's features must not depend on the time zone of the machine that reads it: workers,
// serve hosts and a reproduction may each be in another one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-tz-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const here = (file: string) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

/** In a process whose machine is in `zone`: the feature value of each row's `ts` in a Parquet file with zoned timestamps. */
function featureValuesIn(zone: string): number[] {
  const file = path.join(dir, "zoned.parquet");
  const script = `
    import { literal, queryRows, withConnection } from ${here("./duckdb.ts")};
    import { featureSql } from ${here("./feature-sql.ts")};
    const file = ${JSON.stringify(file)};
    const values = await withConnection(async (c) => {
      await c.run(\`COPY (SELECT * FROM (VALUES (1, TIMESTAMPTZ '2024-03-15 10:00:00+00'), (2, TIMESTAMPTZ '2024-07-01 23:30:00+02')) t(id, ts)) TO \${literal(file)} (FORMAT parquet)\`);
      const params = { values: [], types: [] };
      const sql = featureSql({ name: "ts", kind: "numeric" }, "timestamp", params);
      return (await queryRows(c, \`SELECT \${sql} AS v FROM read_parquet(\${literal(file)}) ORDER BY id\`)).map((r) => r.v);
    });
    console.log(JSON.stringify(values));`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, TZ: zone },
  });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as number[];
}

describe("zoned timestamps in a Parquet file", () => {
  it("become the same feature values (UTC epoch milliseconds) in New York, Paris and Tokyo", () => {
    const utc = [Date.UTC(2024, 2, 15, 10), Date.UTC(2024, 6, 1, 21, 30)];
    for (const zone of ["America/New_York", "Europe/Paris", "Asia/Tokyo"]) expect(featureValuesIn(zone), zone).toEqual(utc);
  }, 60_000);
});
