// Files as real users export them: missing-value markers, padded values, JSON as APIs write it,
// UTF-16 and Windows-1252 text, Excel's sep= line and trailing delimiters, pandas' index, joined files.
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { Invalid, PayloadTooLarge } from "@roundhouse/contracts";
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

  it("reads a file whose lines end with a carriage return only (Excel's CSV for old Macs)", async () => {
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("mac"), file: t.file("mac.csv", "id,name,score\r1,a,2.5\r2,b,3\r") });
    expect(r.version.rowCount).toBe(2);
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "name:string", "score:float"]);
  });

  it("keeps codes written with leading zeros (zip codes, accounts) as text, as written, wherever the first one is; a forced integer reads numbers", async () => {
    // DuckDB's reader keeps them so (pandas and readr store 2134): this guards it across upgrades.
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `${i},${String(10000 + i * 29).padStart(5, "0")},"${i % 2 ? "0" : ""}${i}7",${i % 5}`,
    );
    rows[2500] = '2500,02134,"0042",1';
    const csv = `id,zip,account,plan\n${rows.join("\n")}\n`;
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("zips"), file: t.file("zips.csv", csv) });
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "zip:string", "account:string", "plan:integer"]);
    const file = await localFileOf((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } })).storagePath);
    const [stored] = await withConnection(async (c) =>
      queryRows(c, `SELECT zip, account FROM read_parquet(${literal(file)}) WHERE id = 2500`),
    );
    expect(stored).toEqual({ zip: "02134", account: "0042" });
    const forced = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("zips"),
      file: t.file("zips-numbers.csv", csv),
      csv: { types: { zip: "integer" } },
    });
    expect(forced.version.schema.find((s) => s.name === "zip")?.type).toBe("integer");
  });

  it("reads gzip-compressed files (.csv.gz, .jsonl.gz) as their text; a cut one is a 400, one inflating past the upload limit a 413", async () => {
    const csv = `id,amount,plan,churn\n${Array.from({ length: 3000 }, (_, i) => `${i},${(i * 1.25).toFixed(2)},p${i % 3},${i % 4 ? "No" : "Yes"}`).join("\n")}\n`;
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("gz"),
      file: t.file("orders.csv.gz", gzipSync(csv)),
      originalName: "orders.csv.gz",
    });
    expect(r.version.rowCount).toBe(3000);
    expect(r.version.schema.map((s) => `${s.name}:${s.type}`)).toEqual(["id:integer", "amount:float", "plan:string", "churn:string"]);
    const jsonl = '{"id": 1, "city": "Paris"}\n{"id": 2, "city": "Lyon"}\n';
    const j = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("gz"),
      file: t.file("rows.jsonl.gz", gzipSync(jsonl)),
      originalName: "rows.jsonl.gz",
    });
    expect(j.version).toMatchObject({
      rowCount: 2,
      schema: [
        { name: "id", type: "integer" },
        { name: "city", type: "string" },
      ],
    });
    // The upload dialog sends a file's start: a gzip file's start is read as far as it goes.
    const start = gzipSync(csv).subarray(0, 4096);
    const preview = await previewFile(t.file("orders-start.csv.gz", start), { originalName: "orders.csv.gz" });
    expect(preview.columns.map((col) => col.type)).toEqual(["integer", "float", "string", "string"]);
    expect(preview.rows[1]).toMatchObject({ id: "1", amount: "1.25", plan: "p1", churn: "No" });

    const before = await t.db.datasetVersion.count();
    const cut = await ingestDataset(t.db, t.ctx, { name: uniqueName("gz"), file: t.file("cut.csv.gz", start) }).catch((e) => e);
    expect(cut).toBeInstanceOf(Invalid);
    expect(cut.message).toMatch(/gzip-compressed but cannot be decompressed \(unexpected end of file\): it may be cut short or damaged/);
    // 64 KiB of gzip that inflates to 64 MiB: the dialog's preview reads its first 8 MiB, whole file
    // or not; the upload stops past a 16 MiB limit, and nothing is kept.
    const bomb = gzipSync(`a,b\n${"1,2\n".repeat(16 * 1024 * 1024)}`);
    const bombPreview = await previewFile(t.file("bomb-start.csv.gz", bomb), { originalName: "bomb.csv.gz", complete: true });
    expect(bombPreview.columns).toEqual([
      { name: "a", type: "integer" },
      { name: "b", type: "integer" },
    ]);
    process.env.ROUNDHOUSE_MAX_UPLOAD_BYTES = String(16 * 1024 * 1024);
    try {
      const big = await ingestDataset(t.db, t.ctx, { name: uniqueName("gz"), file: t.file("bomb.csv.gz", bomb) }).catch((e) => e);
      expect(big).toBeInstanceOf(PayloadTooLarge);
      expect(big.message).toBe(
        "The decompressed file is larger than the limit of 16 MB (ROUNDHOUSE_MAX_UPLOAD_BYTES; a gzip file counts as it decompresses).",
      );
    } finally {
      delete process.env.ROUNDHOUSE_MAX_UPLOAD_BYTES;
    }
    expect(await t.db.datasetVersion.count()).toBe(before);
    expect(t.storedFiles().filter((f) => f.includes("gunzip"))).toEqual([]);
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

  it("counts distinct values exactly on a column with thousands of values", async () => {
    const rows = ["k,v"];
    for (let i = 0; i < 20_000; i++) rows.push(`${i % 9_973},${i % 16}`);
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("distinct"), file: t.file("d.csv", `${rows.join("\n")}\n`) });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    expect(columns.get("k")?.distinct).toBe(9_973);
    expect(columns.get("v")?.distinct).toBe(16);
  });
});
