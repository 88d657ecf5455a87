import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { Invalid, PayloadTooLarge } from "@roundhouse/contracts";
import { localFileOf } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDatasetVersion, ingestDataset, registerPath } from "./datasets-service.ts";
import { literal, queryRows, withConnection } from "./duckdb.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";
import { receiveUpload } from "./upload.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
});
afterAll(() => t.cleanUp());

const CSV = "id,city,score,joined\n1,Paris,3.5,2024-01-02\n2,Lyon,4.25,2024-02-03\n3,Nice,,2024-03-04\n";

describe("ingest", () => {
  it("stores a CSV as an immutable Parquet version with schema, hash and profile, and audits it", async () => {
    const name = uniqueName("cities");
    const r = await ingestDataset(t.db, t.ctx, { name, file: t.file("cities.csv", CSV), originalName: "cities.csv" });
    expect(r.created).toBe(true);
    expect(r.version).toMatchObject({
      version: 1,
      rowCount: 3,
      sourceKind: "upload",
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(r.version.schema.map((s) => [s.name, s.type])).toEqual([
      ["id", "integer"],
      ["city", "string"],
      ["score", "float"],
      ["joined", "date"],
    ]);
    const score = r.version.profile?.columns.find((c) => c.name === "score");
    expect(score).toMatchObject({ nulls: 1, min: 3.5, max: 4.25, mean: 3.875 });
    // The missing score is not drawn as a value: the bars count the two scores there are.
    expect(score?.histogram?.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
    expect(r.version.profile?.columns.find((c) => c.name === "city")?.topValues?.map((v) => v.value)).toEqual(["Lyon", "Nice", "Paris"]);
    const row = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } });
    expect(row.storagePath).toMatch(/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.parquet$/);
    expect(fs.existsSync(await localFileOf(row.storagePath))).toBe(true);
    const events = await t.db.auditEvent.findMany({ where: { entityId: { in: [r.version.id, r.version.datasetId] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["dataset-version.create", "dataset.create"]);
  });

  it("draws an integer column of few values with a bar per value, and a wide one in at most 30 bars of whole numbers", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${i % 10},${i * 7}`);
    const r = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("calls"),
      file: t.file("calls.csv", `calls,amount\n${lines.join("\n")}\n`),
    });
    const columns = new Map(r.version.profile?.columns.map((c) => [c.name, c]));
    const calls = columns.get("calls")?.histogram ?? [];
    expect(calls.map((b) => b.start)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(calls.map((b) => b.count)).toEqual(Array(10).fill(20));
    // amount: 0 to 1,393 in steps of 7, in bars of one whole width from whole numbers.
    const amount = columns.get("amount")?.histogram ?? [];
    const width = amount[0] ? amount[0].end - amount[0].start : 0;
    expect(amount.length).toBeLessThanOrEqual(30);
    expect(Number.isInteger(width) && width > 1).toBe(true);
    expect(amount.every((b) => Number.isInteger(b.start) && b.end - b.start === width)).toBe(true);
    expect(amount.reduce((sum, b) => sum + b.count, 0)).toBe(200);
  });

  it("detects identical content by hash and keeps old versions intact when new data arrives", async () => {
    const name = uniqueName("cities");
    const first = await ingestDataset(t.db, t.ctx, { name, file: t.file("a.csv", CSV) });
    const again = await ingestDataset(t.db, t.ctx, { datasetId: first.version.datasetId, file: t.file("b.csv", CSV) });
    expect(again).toMatchObject({ created: false, message: expect.stringMatching(/Identical to version 1/) });
    const next = await ingestDataset(t.db, t.ctx, {
      datasetId: first.version.datasetId,
      file: t.file("c.csv", `${CSV}4,Lille,2.0,2024-04-05\n`),
    });
    expect(next.version).toMatchObject({ version: 2, rowCount: 4 });
    const v1 = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: first.version.id } });
    expect(fs.existsSync(await localFileOf(v1.storagePath))).toBe(true);
    expect(Number(v1.rowCount)).toBe(3);
  });

  it("reads Parquet and JSON Lines", async () => {
    const jsonl = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("events"),
      file: t.file("e.jsonl", '{"a":1,"b":"x"}\n{"a":2,"b":null}\n'),
    });
    expect(jsonl.version.schema.map((s) => s.type)).toEqual(["integer", "string"]);
    const stored = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: jsonl.version.id } });
    const parquet = await ingestDataset(t.db, t.ctx, {
      name: uniqueName("copy"),
      file: await localFileOf(stored.storagePath),
      originalName: "copy.parquet",
    });
    expect(parquet.version).toMatchObject({ rowCount: 2, schema: jsonl.version.schema });
  });

  it("warns about a numeric column with one word in it, and reports the word when the type is forced", async () => {
    const csv = "a,b\n1,x\n2,y\n3,z\nfoo,w\n5,v\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("words"), file: t.file("w.csv", csv) });
    expect(r.version.schema[0]?.type).toBe("string");
    expect(r.version.warnings).toEqual([expect.stringMatching(/Column "a" holds numbers except for 1 value\(s\) such as "foo"/)]);
    await expect(
      ingestDataset(t.db, t.ctx, { name: uniqueName("words"), file: t.file("w2.csv", csv), csv: { types: { a: "float" } } }),
    ).rejects.toThrow(/"foo".*not a valid double/);
  });

  it("warns about text values that differ only in letter case, and keeps them as the file has them (spaces around them are left out)", async () => {
    const csv = "plan,active,note\n pro ,TRUE,ok\npro,true,fine\nbasic,FALSE,ok\nPro,FALSE,\nbasic,TRUE,fine\n";
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("spellings"), file: t.file("s.csv", csv) });
    expect(r.version.warnings).toEqual([
      'Read the values of "plan" without the spaces around them (" pro " as "pro"); a value of spaces only is missing.',
      'Column "plan" has values that differ only in letter case or in spaces around them, such as "Pro" and "pro": a model takes each spelling as a category of its own. If they mean the same, give them one spelling in the file.',
      expect.stringMatching(/^Column "active" has values that differ only .* such as "TRUE" and "true":/),
    ]);
    const { file } = await getDatasetVersion(t.db, r.version.id);
    const plans = await withConnection((c) => queryRows(c, `SELECT DISTINCT plan FROM read_parquet(${literal(file)}) ORDER BY 1`));
    expect(plans.map((p) => p.plan)).toEqual(["Pro", "basic", "pro"]);

    // A column with more distinct values than a feature may have categories (an ID) is not checked:
    // exact counts of millions of strings cost seconds, and it is never a model's category.
    const ids = ["id,plan", ...Array.from({ length: 12_000 }, (_, i) => `c${i},basic`), "C1,basic"].join("\n");
    const many = await ingestDataset(t.db, t.ctx, { name: uniqueName("ids"), file: t.file("ids.csv", `${ids}\n`) });
    expect(many.version.warnings).toEqual([]);

    // Eight such columns: an example for five (each a pass over the file), the other three named in one line.
    const names = Array.from({ length: 8 }, (_, k) => `c${k}`);
    const wide = [names.join(","), names.map(() => "Yes").join(","), names.map(() => "yes").join(",")].join("\n");
    const eight = await ingestDataset(t.db, t.ctx, { name: uniqueName("wide"), file: t.file("wide.csv", `${wide}\n`) });
    expect(eight.version.warnings).toHaveLength(6);
    expect(eight.version.warnings[4]).toMatch(/^Column "c4" has values .* such as "Yes" and "yes"/);
    expect(eight.version.warnings[5]).toBe(
      '3 more text columns have values that differ only in letter case or in spaces around them: "c5", "c6", "c7".',
    );
  });
});

describe("bad input gets a clear error and leaves nothing behind", () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ["empty.csv", "", /The file is empty/],
    ["header.csv", "a,b,c\n", /has column names but no rows/],
    ["ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n", /row with 2 values where the header has 3 \(line 3\)/],
    ["utf8.csv", Buffer.concat([Buffer.from("a,b\n1,"), Buffer.from([0xff, 0xfe]), Buffer.from("\n2,ok\n")]), /not valid UTF-8/],
    // Its empty last column is looked at: the look reports the bytes, and the next uploads still work.
    ["trailing.csv", Buffer.concat([Buffer.from("a,b,\n1,"), Buffer.from([0xff, 0xfe]), Buffer.from(",\n2,ok,\n")]), /not valid UTF-8/],
    ["dup.csv", "a,b,A\n1,2,3\n", /"A" appears more than once/],
    ["blank.csv", "a,,c\n1,2,3\n", /Column 2 has no name/],
    ["book.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), /Unsupported file format: the file is a ZIP archive/],
    ["fake.parquet", "not parquet at all", /named \.parquet but is not a Parquet file/],
    ["broken.jsonl", '{"a":1}\n{"a":\n', /not valid JSON Lines|could not be read/],
    [
      "wide.csv",
      `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(",")}\n${"1,".repeat(4999)}1\n`,
      /has 5,000 columns; at most 2,000 are allowed \(ROUNDHOUSE_MAX_COLUMNS\)/,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: ${message.source}`, async () => {
      const before = await t.db.datasetVersion.count();
      const datasetName = uniqueName("bad");
      const err = await ingestDataset(t.db, t.ctx, { name: datasetName, file: t.file(name, content), originalName: name }).catch((e) => e);
      expect(err).toBeInstanceOf(Invalid);
      expect(err.message).toMatch(message);
      expect(await t.db.datasetVersion.count()).toBe(before);
      expect(await t.db.dataset.findUnique({ where: { name: datasetName } })).toBeNull();
      expect(t.storedFiles().filter((f) => f.startsWith("tmp"))).toEqual([]);
    });
  }

  it("ingests 1,000 columns of a semicolon file: every column profiled, exact distinct counts, each look done at that width", async () => {
    // The last columns carry what each per-column look reports (a query per look, a column each), so
    // that a mix-up of the columns' places in those wide queries shows: decimal commas beside decimal
    // points (then neither mark is guessed, and amounts are looked for), amounts, spellings that differ
    // only in case, and a typo in a column of numbers.
    const header = Array.from({ length: 1000 }, (_, i) => `c${i}`).join(";");
    const special = (i: number, r: number) =>
      [`$${r}.50`, r % 2 ? "Pro" : "pro", r === 7 ? "unknown" : String(r), `${r},5`][i - 996] ?? `${r}.25`;
    const rows = Array.from({ length: 30 }, (_, r) =>
      Array.from({ length: 1000 }, (_, i) => (i >= 995 ? special(i, r) : i % 2 ? String((r * i) % 7) : `k${r % 3}`)).join(";"),
    );
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("wide"), file: t.file("wide.csv", `${header}\n${rows.join("\n")}\n`) });
    expect(r.version.schema).toHaveLength(1000);
    expect(r.version.schema.slice(995).map((s) => [s.name, s.type])).toEqual([
      ["c995", "float"],
      ["c996", "float"],
      ["c997", "string"],
      ["c998", "string"],
      ["c999", "string"],
    ]);
    expect(r.version.warnings).toEqual([
      expect.stringMatching(
        /^"c999" holds numbers written with a decimal comma and "c995" with a decimal point, so "c999" was read as text/,
      ),
      expect.stringMatching(/^Read "c996" as numbers, without its currency signs/),
      expect.stringMatching(/^Column "c998" holds numbers except for 1 value\(s\) such as "unknown"/),
      expect.stringMatching(/^Column "c997" has values that differ only in letter case or in spaces around them, such as "Pro" and "pro"/),
    ]);
    const profile = r.version.profile as {
      columns: { name: string; distinct: number; distinctExact: boolean; topValues: unknown[] | null }[];
    };
    expect(profile.columns).toHaveLength(1000);
    expect(profile.columns[0]).toMatchObject({
      name: "c0",
      distinct: 3,
      distinctExact: true,
      topValues: expect.arrayContaining([{ value: "k0", count: 10 }]),
    });
    expect(profile.columns[1]).toMatchObject({ name: "c1", distinct: 7, distinctExact: true });
  });

  it("stops an upload past the size limit with 413 and deletes what it wrote", async () => {
    const dest = path.join(t.home, "tmp-upload");
    const chunks = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.alloc(64 * 1024, 65);
      })(),
    );
    const err = await receiveUpload(chunks, dest, 1024 * 1024).catch((e) => e);
    expect(err).toBeInstanceOf(PayloadTooLarge);
    expect(err.status).toBe(413);
    expect(fs.existsSync(dest)).toBe(false);
  });

  it("reads exactly the named file: glob characters in names never widen what is read, and the hash is of its bytes", async () => {
    const root = path.join(t.home, "literal-imports");
    fs.mkdirSync(root);
    process.env.ROUNDHOUSE_DATA_ROOTS = root;
    // Next to the files with glob characters: a link that points at a secret outside the roots, and
    // files their patterns would match.
    const secret = t.file("session-secret", "a,b\nsecret-value-that-must-not-be-read,1\n");
    fs.symlinkSync(secret, path.join(root, "secret.csv"));
    fs.writeFileSync(path.join(root, "sales.csv"), "a,b\nother-file,2\n");
    const names = ["s*.csv", "?.csv", "[s]ales.csv", "{sales,secret}.csv"];
    for (const [i, name] of names.entries()) {
      const content = `a,b\nliteral-${i},${i}\n`;
      fs.writeFileSync(path.join(root, name), content);
      const r = await registerPath(t.db, t.ctx, { name: uniqueName("literal"), path: path.join(root, name) });
      expect(r.version.rowCount).toBe(1);
      expect(r.version.contentHash).toBe(createHash("sha256").update(content).digest("hex"));
      const stored = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } });
      const file = await localFileOf(stored.storagePath);
      const rows = await withConnection((c) => queryRows(c, `SELECT a FROM read_parquet(${literal(file)})`));
      expect(rows.map((x) => x.a)).toEqual([`literal-${i}`]);
    }
    await expect(registerPath(t.db, t.ctx, { name: uniqueName("literal"), path: path.join(root, "secret.csv") })).rejects.toThrow(
      /outside the data roots/,
    );
  });

  it("refuses server paths outside the data roots, with '..', or through a link that leaves them", async () => {
    const root = path.join(t.home, "imports");
    fs.mkdirSync(root);
    process.env.ROUNDHOUSE_DATA_ROOTS = root;
    const inside = path.join(root, "ok.csv");
    fs.writeFileSync(inside, CSV);
    const outside = t.file("outside.csv", CSV);
    fs.symlinkSync(outside, path.join(root, "link.csv"));
    const reg = (p: string) => registerPath(t.db, t.ctx, { name: uniqueName("reg"), path: p });
    await expect(reg(outside)).rejects.toThrow(/outside the data roots/);
    await expect(reg(`${root}/../fixtures/outside.csv`)).rejects.toThrow(/may not contain '\.\.'/);
    await expect(reg(path.join(root, "link.csv"))).rejects.toThrow(/outside the data roots/);
    await expect(reg(path.join(root, "missing.csv"))).rejects.toThrow(/There is no file/);
    expect((await reg(inside)).version).toMatchObject({ sourceKind: "path", rowCount: 3 });
  });
});
