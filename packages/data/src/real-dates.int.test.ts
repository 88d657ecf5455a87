// Dates and times as real exports write them: zones, day/month or month/day, spreadsheets' and
// databases' forms (3/15/2024 2:30 PM, 15/03/24, 15-MAR-24), read as the upload reads them.
import { localFileOf } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestDataset } from "./datasets-service.ts";
import { literal, queryRows, withConnection } from "./duckdb.ts";
import { previewFile } from "./file-preview.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
});
afterAll(() => t.cleanUp());

/** A stored column's values as text, in row order. */
async function storedTimes(versionId: string, column: string): Promise<(string | null)[]> {
  const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: versionId } })).storagePath);
  const rows = await withConnection((c) =>
    queryRows(c, `SELECT strftime("${column}", '%Y-%m-%d %H:%M:%S') AS v FROM read_parquet(${literal(file)}) ORDER BY id`),
  );
  return rows.map((r) => (r.v === null ? null : String(r.v)));
}

describe("real files: dates and times", () => {
  it("stores timestamps written with a time zone as UTC timestamps, and says so; those without one stay as written", async () => {
    const csv = "id,created,local\n1,2024-03-15T10:00:00Z,2024-03-15 10:00:00\n2,2023-12-01 08:30:00+01,2023-12-01 08:30:00\n3,NA,NA\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("events"), file: t.file("events.csv", csv) });
    expect(r.version.schema.map((s) => [s.name, s.type, s.storageType])).toEqual([
      ["id", "integer", "BIGINT"],
      ["created", "timestamp", "TIMESTAMP"],
      ["local", "timestamp", "TIMESTAMP"],
    ]);
    expect(r.version.warnings).toEqual([expect.stringMatching(/^Read "created" as timestamps with time zones and stored them in UTC/)]);
    const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } })).storagePath);
    const rows = await withConnection((c) =>
      queryRows(
        c,
        `SELECT strftime(created, '%Y-%m-%d %H:%M') AS created, strftime(local, '%Y-%m-%d %H:%M') AS local FROM read_parquet(${literal(file)}) ORDER BY id`,
      ),
    );
    expect(rows).toEqual([
      { created: "2024-03-15 10:00", local: "2024-03-15 10:00" },
      { created: "2023-12-01 07:30", local: "2023-12-01 08:30" },
      { created: null, local: null },
    ]);
    // The upload dialog's preview shows them as DuckDB writes them, not as a JavaScript Date's text.
    const preview = await previewFile(t.file("events-start.csv", csv), { complete: true });
    expect(preview.rows[0]).toMatchObject({ id: "1", local: "2024-03-15 10:00:00" });
    expect(preview.rows[0]?.created).toMatch(/^2024-03-15 10:00:00(\+00)?$/);
  });

  it("says when every date reads both as day/month and as month/day, which it took, and takes the upload's dateFormat", async () => {
    const us = "id,signed\n1,03/04/2024\n2,05/06/2024\n3,01/02/2024\n";
    const guessed = await ingestDataset(t.db, t.ctx, { name: uniqueName("signed"), file: t.file("signed.csv", us) });
    expect(guessed.version.warnings).toEqual([
      expect.stringMatching(
        /^Column "signed": every date in it reads as day\/month\/year and as month\/day\/year; it was read as (day\/month\/year \("03\/04\/2024" as 2024-04-03\)|month\/day\/year \("03\/04\/2024" as 2024-03-04\))\. If the file means .* dateFormat "%(m\/%d|d\/%m)\/%Y"/,
      ),
    ]);
    const asked = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("signed"),
      file: t.file("signed2.csv", us),
      csv: { dateFormat: "%m/%d/%Y" },
    });
    expect(asked.version.warnings).toEqual([]);
    const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: asked.version.id } })).storagePath);
    const rows = await withConnection((c) =>
      queryRows(c, `SELECT strftime(signed, '%Y-%m-%d') AS d FROM read_parquet(${literal(file)}) ORDER BY id`),
    );
    expect(rows.map((r) => r.d)).toEqual(["2024-03-04", "2024-05-06", "2024-01-02"]);
    // The format is for dates: a timestamp column DuckDB reads itself (day first, with seconds) is
    // still a guess, and said to be one.
    const stamped = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("signed"),
      file: t.file("signed5.csv", "id,at\n1,03/04/2024 10:00:00\n2,05/06/2024 11:30:00\n"),
      csv: { dateFormat: "%m/%d/%Y" },
    });
    expect(stamped.version.warnings).toEqual([
      expect.stringMatching(/^Column "at": every date in it reads .* write its dates year first \(2024-03-04 10:00\)/),
    ]);
    // One DuckDB leaves as text (no seconds) is read here, day first as DuckDB would, or in the format's order.
    const file6 = "id,at\n1,03/04/2024 10:00\n2,05/06/2024 11:30\n";
    const stampedGuess = await ingestDataset(t.db, t.ctx, { name: uniqueName("signed"), file: t.file("signed6.csv", file6) });
    expect(stampedGuess.version.warnings).toEqual([
      expect.stringMatching(
        /^Read "at" as dates with times\. Column "at": every date in it reads .* it was read as day\/month\/year .* dateFormat "%m\/%d\/%Y"/,
      ),
    ]);
    expect(await storedTimes(stampedGuess.version.id, "at")).toEqual(["2024-04-03 10:00:00", "2024-06-05 11:30:00"]);
    const stampedAsked = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("signed"),
      file: t.file("signed7.csv", file6),
      csv: { dateFormat: "%m/%d/%Y" },
    });
    expect(stampedAsked.version.warnings).toEqual([
      'Read "at" as dates with times, written month/day/year ("03/04/2024 10:00" as 2024-03-04 10:00:00).',
    ]);
    expect(await storedTimes(stampedAsked.version.id, "at")).toEqual(["2024-03-04 10:00:00", "2024-05-06 11:30:00"]);
    // One value past 12 settles the order: nothing to say.
    const settled = await ingestDataset(t.db, t.ctx, { name: uniqueName("signed"), file: t.file("signed3.csv", `${us}4,25/12/2024\n`) });
    expect(settled.version.warnings).toEqual([]);
    // A format DuckDB cannot use is refused by name, and nothing is stored.
    await expect(
      ingestDataset(t.db, t.ctx, { name: uniqueName("signed"), file: t.file("signed4.csv", us), csv: { dateFormat: "%d%Q" } }),
    ).rejects.toMatchObject({ problems: [{ path: "csv.dateFormat", message: expect.stringContaining("%Q") }] });
  });

  it("reads dates with a time as spreadsheets write them (3/15/2024 2:30 PM, 15.03.2024 14:30) as timestamps, in the order their values settle", async () => {
    const csv = [
      "id,us,eu,ampm,short,mixed,note",
      "1,3/15/2024 14:30,15.03.2024 14:30:05,3/15/2024 2:30 PM,15/03/24 08:00,3/15/2024 14:30,ok",
      "2,12/1/2024 9:05,01.12.2024 09:05:00,12/1/2024 9:05am,01/12/24 23:59,soon,ok",
      "3,,,,,,ok",
    ].join("\r\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("stamps"), file: t.file("stamps.csv", `${csv}\r\n`) });
    const types = Object.fromEntries(r.version.schema.map((s) => [s.name, s.type]));
    // DuckDB reads "eu" itself (day first, with seconds); it read "short" as the year 15, and left the others as text.
    // A column with one value that is no date and time stays text.
    expect(types).toEqual({
      id: "integer",
      us: "timestamp",
      eu: "timestamp",
      ampm: "timestamp",
      short: "timestamp",
      mixed: "string",
      note: "string",
    });
    expect(await storedTimes(r.version.id, "us")).toEqual(["2024-03-15 14:30:00", "2024-12-01 09:05:00", null]);
    expect(await storedTimes(r.version.id, "eu")).toEqual(["2024-03-15 14:30:05", "2024-12-01 09:05:00", null]);
    expect(await storedTimes(r.version.id, "ampm")).toEqual(["2024-03-15 14:30:00", "2024-12-01 09:05:00", null]);
    expect(await storedTimes(r.version.id, "short")).toEqual(["2024-03-15 08:00:00", "2024-12-01 23:59:00", null]);
    expect(r.version.warnings).toEqual([
      'Read "us" as dates with times, written month/day/year ("3/15/2024 14:30" as 2024-03-15 14:30:00).',
      'Read "ampm" as dates with times, written month/day/year ("3/15/2024 2:30 PM" as 2024-03-15 14:30:00).',
      'Read "short" as dates with times, written day/month/year with a two-digit year ("15/03/24 08:00" as 2024-03-15 08:00:00).',
    ]);
    // The upload dialog's preview reads them the same way.
    const preview = await previewFile(t.file("stamps-start.csv", `${csv}\r\n`), { complete: true });
    expect(preview.columns.find((col) => col.name === "us")?.type).toBe("timestamp");
    expect(preview.rows[0]?.us).toBe("2024-03-15 14:30:00");
    // A two-digit year is the last number, as a spreadsheet writes it (DuckDB read "15/03/24" as 2015-03-24).
    const short = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("stamps"),
      file: t.file("short.csv", "id,d\n1,15/03/24\n2,01/12/24\n"),
    });
    expect(short.version.schema.find((s) => s.name === "d")?.type).toBe("date");
    expect(await storedTimes(short.version.id, "d")).toEqual(["2024-03-15 00:00:00", "2024-12-01 00:00:00"]);
    expect(short.version.warnings).toEqual(['Read "d" as dates, written day/month/year with a two-digit year ("15/03/24" as 2024-03-15).']);
    // The month by its name, as Oracle (15-MAR-24), Excel (15-Mar-2024) and reports (Mar 15, 2024) write it.
    const named = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("stamps"),
      file: t.file(
        "named.csv",
        'id,oracle,excel,report,long,stamp,other\n1,15-MAR-24,15-Mar-2024,"Mar 15, 2024",15 March 2024,15-Mar-2024 10:05,Mar 15\n2,01-DEC-24,01-Dec-2024,"Dec 1, 2024",1  December 2024,01-Dec-2024 23:59:30,soon\n',
      ),
    });
    expect(Object.fromEntries(named.version.schema.map((s) => [s.name, s.type]))).toEqual({
      id: "integer",
      oracle: "date",
      excel: "date",
      report: "date",
      long: "date",
      stamp: "timestamp",
      other: "string",
    });
    for (const column of ["oracle", "excel", "report", "long"])
      expect(await storedTimes(named.version.id, column)).toEqual(["2024-03-15 00:00:00", "2024-12-01 00:00:00"]);
    expect(await storedTimes(named.version.id, "stamp")).toEqual(["2024-03-15 10:05:00", "2024-12-01 23:59:30"]);
    expect(named.version.warnings).toContain('Read "oracle" as dates, written with the month\'s name ("15-MAR-24" as 2024-03-15).');
    // A type the upload sets is kept.
    const asText = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("stamps"),
      file: t.file("stamps2.csv", `${csv}\r\n`),
      csv: { types: { us: "string" } },
    });
    expect(asText.version.schema.find((s) => s.name === "us")?.type).toBe("string");
  });
});
