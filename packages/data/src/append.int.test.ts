import { Conflict, Invalid } from "@roundhouse/contracts";
import { localFileOf } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDerivedDataset, ingestDataset } from "./datasets-service.ts";
import { previewRows } from "./preview.ts";
import { refreshDerivedDataset } from "./refresh-derived.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
});
afterAll(() => t.cleanUp());

const january = "month,carrier,delay,late\n1,AA,5.5,No\n1,UA,30,Yes\n";
const february = "late,delay,carrier,month\nNo,-2,AA,2\nYes,45,DL,2\nNo,,UA,2\n";

async function newDataset(content = january) {
  return (await ingestDataset(t.db, t.ctx, { name: uniqueName("flights"), file: t.file(`${uniqueName("jan")}.csv`, content) })).version;
}

describe("appending rows to a dataset", () => {
  it("makes the previous rows plus the file's, in the previous columns and types, with lineage and the file's hash", async () => {
    const v1 = await newDataset();
    const r = await ingestDataset(t.db, t.ctx, {
      datasetId: v1.datasetId,
      file: t.file("feb.csv", february),
      originalName: "feb.csv",
      mode: "append",
    });
    expect(r.created).toBe(true);
    expect(r.version).toMatchObject({ version: 2, sourceKind: "append", sourceName: "feb.csv", rowCount: 5, schema: v1.schema });
    expect(r.version.parents.map((p) => p.id)).toEqual([v1.id]);
    expect(r.version.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.version.contentHash).not.toBe(r.version.sourceSha256);
    // Old rows first, in their order; the integer month stays an integer, the text keeps its words.
    const stored = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.version.id } });
    const rows = (
      await previewRows(await localFileOf(stored.storagePath), r.version.schema, r.version.rowCount, { offset: 0, limit: 10, order: "asc" })
    ).rows;
    expect(rows.map((row) => [String(row.month), row.carrier, row.delay])).toEqual([
      ["1", "AA", 5.5],
      ["1", "UA", 30],
      ["2", "AA", -2],
      ["2", "DL", 45],
      ["2", "UA", null],
    ]);
    const events = await t.db.auditEvent.findMany({ where: { entityId: r.version.id } });
    expect(events[0]?.after).toMatchObject({ source: "append", appendedTo: 1, rowsAdded: 3 });

    // A retry of the same file (a scheduler that lost the response) does not double the rows.
    const again = await ingestDataset(t.db, t.ctx, { datasetId: v1.datasetId, file: t.file("feb2.csv", february), mode: "append" });
    expect(again).toMatchObject({
      created: false,
      version: { id: r.version.id },
      message: expect.stringContaining("already appended as version 2"),
    });
  });

  it("says when the appended rows copy rows the dataset had (the same month appended under another name), and when a file copies its own", async () => {
    const month = (m: number) =>
      Array.from({ length: 200 }, (_, i) => `${m},${["AA", "UA", "DL"][i % 3]},${i * 1.5},${i % 4 ? "No" : "Yes"}`);
    const v1 = await newDataset(`month,carrier,delay,late\n${month(1).join("\n")}\n`);
    expect(v1.warnings).toEqual([]);
    const again = await ingestDataset(t.db, t.ctx, {
      datasetId: v1.datasetId,
      file: t.file("january-again.csv", `month,carrier,delay,late\n${[...month(1).slice(0, 150), ...month(2).slice(0, 50)].join("\n")}\n`),
      mode: "append",
    });
    expect(again.version.warnings).toEqual([
      "150 of the 200 appended rows are exact copies of rows the dataset already had, in every column (the same file or period appended twice?). " +
        "Then a random holdout holds copies of training rows and its metrics look better than the model is; remove them, or hold out by date.",
    ]);
    const february = await ingestDataset(t.db, t.ctx, {
      datasetId: v1.datasetId,
      file: t.file("february.csv", `month,carrier,delay,late\n${[...month(2).slice(50), ...month(2).slice(50, 60)].join("\n")}\n`),
      mode: "append",
    });
    // New rows, ten of them twice in the file itself (6.3% of its 160).
    expect(february.version.warnings).toEqual([
      "10 row(s) (6.3%) are exact copies of other rows, in every column. If they are the same records twice, " +
        "a random holdout holds copies of training rows and its metrics look better than the model is; remove them, or hold out by date.",
    ]);
  });

  it("refuses a missing or extra column, or values the stored type would change, naming the column; nothing is stored", async () => {
    const v1 = await newDataset();
    const refused = async (content: string) => {
      const err = await ingestDataset(t.db, t.ctx, {
        datasetId: v1.datasetId,
        file: t.file(`${uniqueName("bad")}.csv`, content),
        mode: "append",
      }).catch((e) => e);
      expect(err).toBeInstanceOf(Invalid);
      return { message: (err as Invalid).message, path: (err as Invalid).problems[0]?.path };
    };
    expect(await refused("month,carrier,delay\n2,AA,1\n")).toMatchObject({
      path: "file.columns.late",
      message: expect.stringContaining('"late"'),
    });
    expect(await refused("month,carrier,delay,late,gate\n2,AA,1,No,B4\n")).toMatchObject({
      path: "file.columns.gate",
      message: expect.stringContaining("mode=replace"),
    });
    // month is an integer column: 2.5 would be rounded, "two" would become missing.
    expect(await refused("month,carrier,delay,late\n2.5,AA,1,No\n")).toMatchObject({
      path: "file.columns.month",
      message: expect.stringContaining('"2.5"'),
    });
    expect(await refused("month,carrier,delay,late\ntwo,AA,1,No\n")).toMatchObject({ path: "file.columns.month" });
    const versions = await t.db.datasetVersion.count({ where: { datasetId: v1.datasetId } });
    expect(versions).toBe(1);
  });

  it("needs an existing dataset, and refuses to append onto a version that is no longer the latest", async () => {
    await expect(ingestDataset(t.db, t.ctx, { name: uniqueName("x"), file: t.file("n.csv", january), mode: "append" })).rejects.toThrow(
      /existing dataset/,
    );
    const v1 = await newDataset();
    // Two appends race: the second was built on version 1, which is no longer the latest when it commits.
    const results = await Promise.allSettled([
      ingestDataset(t.db, t.ctx, { datasetId: v1.datasetId, file: t.file("r1.csv", february), mode: "append" }),
      ingestDataset(t.db, t.ctx, { datasetId: v1.datasetId, file: t.file("r2.csv", february.replace("DL", "WN")), mode: "append" }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter((r) => r.status === "rejected" && r.reason instanceof Conflict);
    expect(ok.length + conflicts.length).toBe(2);
    const rows = await t.db.datasetVersion.findMany({ where: { datasetId: v1.datasetId }, orderBy: { version: "asc" } });
    // Every stored version holds all the rows of the one before it.
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i]?.rowCount)).toBe(Number(rows[i - 1]?.rowCount) + 3);
  });
});

describe("refreshing a derived dataset", () => {
  it("runs the definition on each parent's latest version, with lineage; nothing new when nothing changed", async () => {
    const base = await newDataset();
    const derived = await createDerivedDataset(t.db, t.ctx, {
      name: uniqueName("late-flights"),
      definition: { base: base.id, joins: [], filters: [{ column: "late", op: "=", value: "Yes" }] },
    });
    expect(derived.version.rowCount).toBe(1);
    const same = await refreshDerivedDataset(t.db, t.ctx, derived.version.datasetId);
    expect(same).toMatchObject({ created: false, version: { id: derived.version.id }, message: expect.stringContaining("up to date") });

    const appended = await ingestDataset(t.db, t.ctx, { datasetId: base.datasetId, file: t.file("feb-r.csv", february), mode: "append" });
    const refreshed = await refreshDerivedDataset(t.db, t.ctx, derived.version.datasetId);
    expect(refreshed).toMatchObject({ created: true, version: { version: 2, rowCount: 2, sourceKind: "derived" } });
    expect(refreshed.version.parents.map((p) => p.id)).toEqual([appended.version.id]);
    expect(refreshed.version.definition?.base).toBe(appended.version.id);
  });

  it("refuses a dataset that is not derived", async () => {
    const base = await newDataset();
    await expect(refreshDerivedDataset(t.db, t.ctx, base.datasetId)).rejects.toThrow(/not a derived dataset/);
  });
});
