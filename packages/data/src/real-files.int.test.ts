// Files as real users export them: missing-value markers, decimal commas, zoned timestamps,
// UTF-16 and Windows-1252 text, Excel's sep= line and trailing delimiters, formatted amounts.
import fs from "node:fs";
import { localFileOf } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDatasetVersion, ingestDataset } from "./datasets-service.ts";
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

describe("real files: missing values and the file's own words", () => {
  const CHURN = [
    "customer,total_charges,partner,plan,churn",
    "a1,12.5,Yes,basic,No",
    "a2,NA,No,pro,Yes",
    "a3,,yes,max,No",
    "a4,N/A,no,basic,No",
    "a5,7,NULL,pro,Yes",
    "a6,?,Yes,max,No",
    "a7,30.25,No,basic,Yes",
    "a8,#N/A,No,pro,No",
    "a9,<NA>,n/a,max,Yes",
  ].join("\n");

  it("reads NA, N/A, NULL, ?, a spreadsheet's #N/A, pandas' <NA> and empty as missing, keeps numbers numeric and Yes/No as written", async () => {
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("churn"), file: t.file("churn.csv", `${CHURN}\n`) });
    const types = Object.fromEntries(r.version.schema.map((s) => [s.name, s.type]));
    expect(types).toEqual({ customer: "string", total_charges: "float", partner: "string", plan: "string", churn: "string" });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("total_charges")).toMatchObject({ nulls: 6, min: 7, max: 30.25 });
    expect(columns.get("partner")).toMatchObject({ nulls: 2, distinct: 4 });
    expect(
      columns
        .get("churn")
        ?.topValues?.map((v) => v.value)
        .sort(),
    ).toEqual(["No", "Yes"]);
    expect(columns.get("churn")?.labelHint).toBe("binary");
    // Exact distinct counts: three plans are three, and make a multiclass label, not a binary one.
    expect(columns.get("plan")).toMatchObject({ distinct: 3, distinctExact: true, labelHint: "multiclass" });
    // "Yes" and "yes" are two categories to a model: said, not changed.
    expect(r.version.warnings).toEqual([expect.stringMatching(/^Column "partner" has values that differ only .* such as "No" and "no":/)]);
  });

  it("reads a spreadsheet's formula errors (#DIV/0!, #VALUE!…) as missing: a ratio column stays numeric", async () => {
    const csv = ["region,orders,ratio", "north,10,0.5", "south,0,#DIV/0!", "east,4,#VALUE!", "west,8,0.25", "centre,2,#REF!"].join("\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("sheet"), file: t.file("sheet.csv", `${csv}\n`) });
    expect(r.version.schema.find((s) => s.name === "ratio")?.type).toBe("float");
    const ratio = r.version.profile?.columns.find((c) => c.name === "ratio");
    expect(ratio).toMatchObject({ nulls: 3, min: 0.25, max: 0.5 });
  });

  it("reads values without the spaces around them: ', '-separated files, ' ?' and a cell of spaces are missing, numbers stay numbers", async () => {
    // The UCI census file's layout (", " between values, " ?" for unknown) and Telco churn's blank
    // TotalCharges (" ") of new customers; a quoted value keeps its comma, its inner spaces and quotes.
    const census = [
      "age,workclass,hours,note,income",
      '39, State-gov, 40," said ""hi"", twice ", <=50K',
      "50, Self-emp-not-inc, 13,\t tabbed\t, <=50K",
      "38, ?, 40,, >50K",
      "53, Private, ?, , <=50K",
      "28, Private,\u00a0, x, >50K",
    ].join("\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("census"), file: t.file("adult.data.csv", `${census}\n`) });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["age", "integer"],
      ["workclass", "string"],
      ["hours", "integer"],
      ["note", "string"],
      ["income", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      'Read the values of "workclass", "hours", "note", "income" without the spaces around them (" State-gov" as "State-gov"); a value of spaces only is missing.',
    ]);
    const { file } = await getDatasetVersion(t.db, r.version.id);
    const rows = await withConnection((c) => queryRows(c, `SELECT workclass, hours, note, income FROM read_parquet(${literal(file)})`));
    expect(rows).toEqual([
      { workclass: "State-gov", hours: 40n, note: 'said "hi", twice', income: "<=50K" },
      { workclass: "Self-emp-not-inc", hours: 13n, note: "tabbed", income: "<=50K" },
      { workclass: null, hours: 40n, note: null, income: ">50K" },
      { workclass: "Private", hours: null, note: null, income: "<=50K" },
      { workclass: "Private", hours: null, note: "x", income: ">50K" },
    ]);
    // The upload dialog's preview reads it the same way; no copy is left behind.
    const preview = await previewFile(t.file("adult-start.csv", `${census}\n`), { complete: true });
    expect(preview.columns.map((c) => c.type)).toEqual(["integer", "string", "integer", "string", "string"]);
    expect(preview.rows[2]).toMatchObject({ workclass: null, income: ">50K" });

    // A delimiter of two characters is read again as such (DuckDB writes a copy with only the first).
    const piped = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("piped"),
      file: t.file("piped.txt", "a||b\n 1|| x \n2|| ?\n"),
      csv: { delimiter: "||" },
    });
    expect(piped.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["a", "integer"],
      ["b", "string"],
    ]);
    expect(piped.version.profile?.columns.find((c) => c.name === "b")).toMatchObject({ nulls: 1, distinct: 1 });

    const telco = "customerID;tenure;TotalCharges\n7590-VHVEG;1;29.85\n4472-LVYGI;0; \n3115-CZMZD;0;  \n";
    const churn = await ingestDataset(t.db, t.ctx, { name: uniqueName("telco"), file: t.file("telco.csv", telco) });
    expect(churn.version.schema.find((s) => s.name === "TotalCharges")?.type).toBe("float");
    expect(churn.version.warnings).toEqual([
      'Read the values of "TotalCharges" without the spaces around them: a value of spaces only (" ") is missing.',
    ]);
    // A forced type and the upload's own markers are read from the values without their spaces too.
    const forced = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("telco-typed"),
      file: t.file("telco2.csv", telco.replace("29.85", " - ")),
      csv: { nullValues: ["-", ""], types: { TotalCharges: "float" } },
    });
    const charges = forced.version.profile?.columns.find((c) => c.name === "TotalCharges");
    expect(charges).toMatchObject({ type: "float", nulls: 3 });
  });

  it("reads a JSON Lines file's numbers written as strings, or as numbers in some rows and strings in others, as numbers; codes and mixed text stay text", async () => {
    const lines = [
      { id: 1, price: "12.50", age: 30, zip: "02134", plan: 3, count: "7", churn: "No" },
      { id: 2, price: "7", age: "31", zip: "10001", plan: "pro", count: null, churn: "Yes" },
      { id: 3, price: null, age: 45, zip: "94105", plan: true, count: "-2", churn: "No" },
      { id: 4, price: "NA", age: "", zip: null, plan: "", count: "3", churn: "No" },
    ];
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("api"),
      file: t.file("api.jsonl", `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`),
    });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "integer"],
      ["price", "float"],
      ["age", "integer"],
      ["zip", "string"],
      ["plan", "string"],
      ["count", "integer"],
      ["churn", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      'Read "price" as numbers: every value is a number written as a string ("12.50"), and 1 value(s) written "NA" as missing.',
      'Read "age" as numbers: its values are numbers in some rows and strings in others ("31"), and 1 value(s) written "" as missing.',
      'Read "plan" as text: its values are numbers or true/false in some rows and text in others ("pro"), and 1 value(s) written "" as missing.',
      'Read "count" as numbers: every value is a number written as a string ("-2").',
    ]);
    const { file } = await getDatasetVersion(t.db, r.version.id);
    const rows = await withConnection((c) =>
      queryRows(c, `SELECT price, age, plan, count FROM read_parquet(${literal(file)}) ORDER BY id`),
    );
    expect(rows).toEqual([
      { price: 12.5, age: 30n, plan: "3", count: 7n },
      { price: 7, age: 31n, plan: "pro", count: null },
      { price: null, age: 45n, plan: "true", count: -2n },
      { price: null, age: null, plan: null, count: 3n },
    ]);
    const preview = await previewFile(t.file("api-start.jsonl", `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`), { complete: true });
    expect(preview.columns.map((col) => col.type)).toEqual(["integer", "float", "integer", "string", "string", "integer", "string"]);
  });

  it("reads a JSON Lines file's nested objects as a column per field (user.age), and keeps lists as they are", async () => {
    const lines = [
      { id: 1, user: { age: 30, plan: "pro", address: { city: "Lyon" } }, tags: ["a"], churn: "No" },
      { id: 2, user: null, tags: [], churn: "Yes" },
      { id: 3, user: { age: 41, plan: "basic", address: null }, tags: ["b", "c"], churn: "No" },
    ];
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("events"),
      file: t.file("events.jsonl", `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`),
    });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "integer"],
      ["user.age", "integer"],
      ["user.plan", "string"],
      ["user.address.city", "string"],
      ["tags", "other"],
      ["churn", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      'Read the nested fields of "user" as columns of their own: "user.age", "user.plan", "user.address.city".',
    ]);
    const { file } = await getDatasetVersion(t.db, r.version.id);
    const rows = await withConnection((c) =>
      queryRows(c, `SELECT "user.age" AS age, "user.address.city" AS city FROM read_parquet(${literal(file)})`),
    );
    expect(rows).toEqual([
      { age: 30n, city: "Lyon" },
      { age: null, city: null },
      { age: 41n, city: null },
    ]);
  });

  it("takes the upload's own null markers and a forced type over a column with them", async () => {
    const csv = "id;score;grade\n1;-;A\n2;3.5;missing\n3;4;B\n";
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("markers"),
      file: t.file("m.csv", csv),
      csv: { delimiter: ";", nullValues: ["-", "missing"], types: { score: "float", id: "string" } },
    });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "string"],
      ["score", "float"],
      ["grade", "string"],
    ]);
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("score")?.nulls).toBe(1);
    expect(columns.get("grade")?.nulls).toBe(1);
  });

  it("reads a semicolon file's decimal commas as numbers and says so; the upload's own mark is taken as given", async () => {
    const csv = "price;qty;weight;bought\n12,50;3;NA;ja\n-0,99;1;NA;nein\n7;2;NA;ja\nNA;4;NA;nein\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("euro"), file: t.file("euro.csv", csv) });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["price", "float"],
      ["qty", "integer"],
      ["weight", "string"],
      ["bought", "string"],
    ]);
    expect(r.version.profile?.columns.find((c) => c.name === "price")).toMatchObject({ min: -0.99, max: 12.5, nulls: 1 });
    expect(r.version.warnings).toEqual([
      'Read "price" as numbers written with a decimal comma ("1,5" as 1.5). Upload with decimal "." to keep it as text.',
    ]);
    const asText = await ingestDataset(t.db, t.ctx, { name: uniqueName("euro"), file: t.file("euro.csv", csv), csv: { decimal: "." } });
    expect(asText.version.schema.find((s) => s.name === "price")?.type).toBe("string");
    expect(asText.version.warnings).toEqual([]);
    // A column with decimal points beside it: which mark is meant is not guessed.
    const mixed = "price;weight\n12,50;1.5\n3,25;2.75\n";
    const m = await ingestDataset(t.db, t.ctx, { name: uniqueName("euro"), file: t.file("mixed.csv", mixed) });
    expect(m.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["price", "string"],
      ["weight", "float"],
    ]);
    expect(m.version.warnings).toEqual([
      '"price" holds numbers written with a decimal comma and "weight" with a decimal point, so "price" was read as text. Upload again with decimal "," to read it as numbers (then "weight" would be text).',
    ]);
  });

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

  it("reads pandas' inf and -inf (a division by zero) in a column of numbers as missing, and says so; text with them stays text", async () => {
    const csv = ["id,ratio,label,ratio_r", "1,inf,a,Inf", "2,-inf,inf,0.5", "3,0.5,b,", "4,1.5,c,2", "5,,inf,-Inf"].join("\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("ratios"), file: t.file("ratios.csv", `${csv}\n`) });
    const types = Object.fromEntries(r.version.schema.map((s) => [s.name, s.type]));
    expect(types).toEqual({ id: "integer", ratio: "float", label: "string", ratio_r: "float" });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("ratio")).toMatchObject({ nulls: 3, min: 0.5, max: 1.5 });
    expect(columns.get("ratio_r")).toMatchObject({ nulls: 3, min: 0.5, max: 2 });
    expect(r.version.warnings).toEqual([
      'Read "ratio" as numbers, with its 2 infinite value(s) ("-inf") as missing: pandas writes a division by zero so, and a model cannot learn from an infinity.',
      'Read "ratio_r" as numbers, with its 2 infinite value(s) ("-Inf") as missing: pandas writes a division by zero so, and a model cannot learn from an infinity.',
    ]);
    const preview = await previewFile(t.file("ratios-start.csv", `${csv}\n`), { complete: true });
    expect(preview.columns.find((col) => col.name === "ratio")?.type).toBe("float");
    expect(preview.rows.map((row) => row.ratio)).toEqual([null, null, "0.5", "1.5", null]);
  });

  it("leaves out the rows that repeat the header in files joined one after another, and says so", async () => {
    const month = (rows: string[]) => ["id,amount,city,churn", ...rows].join("\n");
    const csv = `${month(["1,10.5,Paris,No", "2,7,Lyon,Yes"])}\n${month(["3,8.25, Nice,No"])}\n${month(["4,3,Lille,Yes"])}\n`;
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("months"), file: t.file("months.csv", csv) });
    expect(r.version.rowCount).toBe(4);
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "amount:float", "city:string", "churn:string"]);
    expect(r.version.warnings).toEqual([
      "Left out 2 row(s) that repeat the header, as files joined one after another have them.",
      expect.stringMatching(/^Read the values of "city" without the spaces around them/),
    ]);
    const preview = await previewFile(t.file("months-start.csv", csv), { complete: true });
    expect(preview.columns.map((col) => col.type)).toEqual(["integer", "float", "string", "string"]);
    expect(preview.rows.map((row) => row.id)).toEqual(["1", "2", "3", "4"]);
    // A file whose every column is text and has no such row is stored as it is.
    const plain = await ingestDataset(t.db, t.ctx, { name: uniqueName("months"), file: t.file("words.csv", "a,b\nx,y\nb,a\n") });
    expect(plain.version.rowCount).toBe(2);
    expect(plain.version.warnings).toEqual([]);
  });

  it("reads Swiss amounts (1'234.50), which DuckDB typed as doubles and then could not read, as numbers", async () => {
    // The upload failed: 'has the value "1'234.50" in column "price chf" (line 2), which is not a valid double'.
    const csv = 'id,price chf,city\n1,"1\'234.50",Zürich\n2,"12\'345.00",Genève\n3,7.5,Bern\n';
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("swiss"), file: t.file("swiss.csv", csv) });
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "price chf:float", "city:string"]);
    expect(r.version.profile?.columns.find((c) => c.name === "price chf")).toMatchObject({ min: 7.5, max: 12345 });
    // A type the upload sets fails as it did, by name.
    await expect(
      ingestDataset(t.db, t.ctx, { name: uniqueName("swiss"), file: t.file("swiss2.csv", csv), csv: { types: { "price chf": "float" } } }),
    ).rejects.toMatchObject({ problems: [{ path: "file", message: expect.stringContaining("1'234.50") }] });
  });

  it("reads a file whose lines end with a carriage return only (Excel's CSV for old Macs)", async () => {
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("mac"), file: t.file("mac.csv", "id,name,score\r1,a,2.5\r2,b,3\r") });
    expect(r.version.rowCount).toBe(2);
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "name:string", "score:float"]);
  });

  it("reads a UTF-16 file (Excel's Unicode Text) as text, either byte order, and says so", async () => {
    const text = "id\tname\tprice\n1\tCafé\t3.5\n2\tThé vert\t2.25\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [order, bytes] of [
      ["little", le],
      ["big", be],
    ] as const) {
      const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("tea"), file: t.file("tea.txt", bytes) });
      expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
        ["id", "integer"],
        ["name", "string"],
        ["price", "float"],
      ]);
      expect(r.version.warnings).toEqual([`Read the file as UTF-16 text (${order}-endian), as Excel's "Unicode Text" saves it.`]);
      const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } })).storagePath);
      const rows = await withConnection((c) => queryRows(c, `SELECT name FROM read_parquet(${literal(file)}) ORDER BY id`));
      expect(rows.map((row) => row.name)).toEqual(["Café", "Thé vert"]);
    }
    // The upload dialog's preview gets the file's start, cut anywhere (here inside a character).
    const preview = await previewFile(t.file("start.txt", le.subarray(0, le.length - 5)), { originalName: "tea.txt" });
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["name", "string"],
      ["price", "float"],
    ]);
    expect(preview.rows).toEqual([{ id: "1", name: "Café", price: "3.5" }]);
  });

  it("reads a Windows-1252 (Latin-1) file when the upload says so, and its 400 without says how", async () => {
    const bytes = Buffer.from("id;ville;prix\n1;Orl\xe9ans;12,5\n2;Besan\xe7on;7,25\n", "latin1");
    await expect(ingestDataset(t.db, t.ctx, { name: uniqueName("villes"), file: t.file("villes.csv", bytes) })).rejects.toThrow(
      /is not valid UTF-8 text \(line 2\); save it as UTF-8, or upload it with encoding "windows-1252"/,
    );
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("villes"),
      file: t.file("villes.csv", bytes),
      csv: { encoding: "windows-1252" },
    });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "integer"],
      ["ville", "string"],
      ["prix", "float"],
    ]);
    const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } })).storagePath);
    const rows = await withConnection((c) => queryRows(c, `SELECT ville, prix FROM read_parquet(${literal(file)}) ORDER BY id`));
    expect(rows).toEqual([
      { ville: "Orléans", prix: 12.5 },
      { ville: "Besançon", prix: 7.25 },
    ]);
    // A Parquet file named with an encoding is read as it is (transcoded, it was unreadable).
    const parquet = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("villes"),
      file: t.file("villes.parquet", fs.readFileSync(file)),
      csv: { encoding: "windows-1252" },
    });
    expect(parquet.version.rowCount).toBe(2);
    expect(parquet.version.schema.map((s) => s.name)).toEqual(["id", "ville", "prix"]);
  });

  it("reads Excel's sep= first line as the delimiter, and leaves out the empty column of a delimiter ending every line", async () => {
    const csv = "sep=;\r\nid;price;city;\r\n1;12,5;Lyon;\r\n2;7;Nice;\r\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("export"), file: t.file("export.csv", csv) });
    expect(r.version.rowCount).toBe(2);
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "integer"],
      ["price", "float"],
      ["city", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      'Every line ends with a delimiter after "city": the empty column this makes was left out.',
      expect.stringMatching(/^Read "price" as numbers written with a decimal comma/),
    ]);
    // A last column with a value in it is data without a name: still refused, nothing guessed.
    await expect(
      ingestDataset(t.db, t.ctx, { name: uniqueName("export"), file: t.file("filled.csv", "a,b,\n1,2,\n3,4,5\n") }),
    ).rejects.toThrow(/Column 3 has no name/);
  });

  it("leaves out the index pandas writes (to_csv: first, under no name; to_parquet: __index_level_0__), and says how to avoid it otherwise", async () => {
    // A filtered frame's index skips numbers; the label column's values keep their place.
    const csv = ",age,plan,churn\n0,30, basic,Yes\n3,41,pro,No\n7,52,pro,No\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("frame"), file: t.file("frame.csv", csv) });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["age", "integer"],
      ["plan", "string"],
      ["churn", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      'Read the values of "plan" without the spaces around them (" basic" as "basic"); a value of spaces only is missing.',
      "The first column has no name and a different whole number in every row, as pandas writes its index (to_csv without index=False): it was left out.",
    ]);
    // An index of labels, or a repeated number, is data without a name: refused, with the way out.
    const labelled = ingestDataset(t.db, t.ctx, { name: uniqueName("frame"), file: t.file("labels.csv", ",age\na,30\nb,41\n") });
    await expect(labelled).rejects.toThrow(/Column 1 has no name; .*save the file with to_csv\(\.\.\., index=False\)/);
    const repeated = ingestDataset(t.db, t.ctx, { name: uniqueName("frame"), file: t.file("repeated.csv", ",age\n1,30\n1,41\n") });
    await expect(repeated).rejects.toThrow(/Column 1 has no name/);

    // to_parquet stores a filtered frame's index as a column of its own.
    const parquet = t.file("frame.parquet", "");
    await withConnection((c) =>
      c.run(
        `COPY (SELECT * FROM (VALUES (30, 'Yes', 0), (41, 'No', 3)) v(age, churn, __index_level_0__)) TO ${literal(parquet)} (FORMAT parquet)`,
      ),
    );
    const p = await ingestDataset(t.db, t.ctx, { name: uniqueName("frame"), file: parquet });
    expect(p.version.schema.map((s) => s.name)).toEqual(["age", "churn"]);
    expect(p.version.warnings).toEqual([
      'Left out "__index_level_0__": the index pandas stores with a frame (to_parquet), row labels rather than data.',
    ]);
  });

  it("reads amounts with currency signs, thousands separators and percent signs as numbers, and says so", async () => {
    const csv = [
      "id,fee,discount,euros,code,mixed,count,label,bank",
      'C1,"$1,711.92",4%,12.50 €,"1,234",$5,"1,000",Yes,"USD 1,234.00"',
      'C2,$12.00,12.5%,€ 3,"2,000",5%,7,No,USD -12.50',
      'C3,"-$1,000,000",NA,NA,3,$1,"12,345",No,USD 7',
      "C4,NA,0%,-7.25€,4,€2,12,Yes,NA",
    ].join("\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("money"), file: t.file("money.csv", `${csv}\n`) });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "string"],
      ["fee", "float"],
      ["discount", "float"],
      ["euros", "float"],
      // "1,234" alone may be a number with a decimal comma; two signs in a column are two units.
      ["code", "string"],
      ["mixed", "string"],
      ["count", "string"],
      ["label", "string"],
      // Currency codes, as banks write them.
      ["bank", "float"],
    ]);
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("fee")).toMatchObject({ min: -1_000_000, max: 1711.92, nulls: 1 });
    expect(columns.get("bank")).toMatchObject({ min: -12.5, max: 1234, nulls: 1 });
    expect(columns.get("discount")).toMatchObject({ min: 0, max: 12.5, nulls: 1 });
    expect(columns.get("euros")).toMatchObject({ min: -7.25, max: 12.5, nulls: 1 });
    expect(r.version.warnings).toEqual([
      'Read "fee" as numbers, without its currency signs and thousands separators ("$1,711.92" as 1711.92). Upload with types {"fee": "string"} to keep it as text.',
      'Read "discount" as numbers, without its percent signs ("0%" as 0). Upload with types {"discount": "string"} to keep it as text.',
      'Read "euros" as numbers, without its currency signs and thousands separators ("-7.25€" as -7.25). Upload with types {"euros": "string"} to keep it as text.',
      'Read "bank" as numbers, without its currency signs and thousands separators ("USD -12.50" as -12.5). Upload with types {"bank": "string"} to keep it as text.',
    ]);
    // A forced type is the upload's word; a value further down that is no amount keeps the column text.
    const kept = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("money"),
      file: t.file("money.csv", `${csv}\n`),
      csv: { types: { fee: "string" } },
    });
    expect(kept.version.schema.find((s) => s.name === "fee")?.type).toBe("string");
    const late = ["fee", ...Array.from({ length: 120_000 }, (_, i) => `$${i}.50`), "call us"].join("\n");
    const l = await ingestDataset(t.db, t.ctx, { name: uniqueName("money"), file: t.file("late.csv", `${late}\n`) });
    expect(l.version.schema).toMatchObject([{ name: "fee", type: "string" }]);
    expect(l.version.rowCount).toBe(120_001);
  });

  it("reads an accountant's negatives in parentheses, SAP's with a minus after them, and a decimal-comma file's grouped thousands (1.234,50 and 1 234,50), as numbers", async () => {
    const ledger = ["account,balance,change", 'A1,"$1,234.50",12.00', 'A2,"$(2,000.00)",(300.25)', "A3,$15.00,0.75"].join("\n");
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("ledger"), file: t.file("ledger.csv", `${ledger}\n`) });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("balance")).toMatchObject({ type: "float", min: -2000, max: 1234.5 });
    expect(columns.get("change")).toMatchObject({ type: "float", min: -300.25, max: 12 });
    expect(r.version.warnings).toEqual([
      'Read "balance" as numbers, without its currency signs and thousands separators, and amounts in parentheses as negative ("$(2,000.00)" as -2000). Upload with types {"balance": "string"} to keep it as text.',
      'Read "change" as numbers, without its thousands separators, and amounts in parentheses as negative ("(300.25)" as -300.25). Upload with types {"change": "string"} to keep it as text.',
    ]);

    // German and French exports: thousands by a point, a space or Excel's no-break spaces, a decimal
    // comma; SAP's negatives with their minus after them.
    const european = [
      "konto;betrag;montant;euros;saldo",
      "K1;1.234,50;1 234,50;12,50 €;1.000,00-",
      "K2;2.000,00;2\u00a0000,00;1.000,00 €;15,25",
      "K3;15,25;3\u202f000,75;(7,25 €);0,50-",
    ].join("\n");
    const e = await ingestDataset(t.db, t.ctx, { name: uniqueName("konten"), file: t.file("konten.csv", `${european}\n`) });
    const values = new Map(e.version.profile?.columns.map((c) => [c.name, c]));
    expect(values.get("betrag")).toMatchObject({ type: "float", min: 15.25, max: 2000 });
    expect(values.get("montant")).toMatchObject({ type: "float", min: 1234.5, max: 3000.75 });
    expect(values.get("euros")).toMatchObject({ type: "float", min: -7.25, max: 1000 });
    expect(values.get("saldo")).toMatchObject({ type: "float", min: -1000, max: 15.25 });
    expect(e.version.warnings[0]).toBe(
      'Read "betrag", "montant", "euros", "saldo" as numbers written with a decimal comma ("1,5" as 1.5). Upload with decimal "." to keep them as text.',
    );
    expect(e.version.warnings.slice(1)).toEqual([
      expect.stringMatching(/^Read "betrag" as numbers, without its thousands separators \("1\.234,50" as 1234\.5\)/),
      expect.stringMatching(/^Read "montant" as numbers, without its thousands separators/),
      expect.stringMatching(
        /^Read "euros" as numbers, without its currency signs and thousands separators, and amounts in parentheses as negative/,
      ),
      'Read "saldo" as numbers, without its thousands separators, and amounts with a minus after them as negative ("0,50-" as -0.5). Upload with types {"saldo": "string"} to keep it as text.',
    ]);
  });

  it("counts distinct values exactly on a column with thousands of values", async () => {
    const rows = ["k,v"];
    for (let i = 0; i < 20_000; i++) rows.push(`${i % 9_973},${i % 16}`);
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("distinct"), file: t.file("d.csv", `${rows.join("\n")}\n`) });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("k")?.distinct).toBe(9_973);
    expect(columns.get("v")?.distinct).toBe(16);
  });
});
