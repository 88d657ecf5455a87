import { Invalid } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDerivedDataset, getDatasetVersion, ingestDataset, previewDerived } from "./datasets-service.ts";
import { previewRows } from "./preview.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
let flights: string;
let airports: string;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
  const f =
    "date,origin,dest,delay\n2001-01-01,SFO,LAX,5\n2001-01-02,LAX,SFO,30\n2001-02-01,SFO,JFK,-2\n2001-02-03,JFK,SFO,45\n2001-03-01,ORD,LAX,\n";
  const a = "iata,state,name\nSFO,CA,San Francisco\nLAX,CA,Los Angeles\nJFK,NY,Kennedy\n";
  flights = (await ingestDataset(t.db, t.ctx, { name: uniqueName("flights"), file: t.file("f.csv", f) })).version.id;
  airports = (await ingestDataset(t.db, t.ctx, { name: uniqueName("airports"), file: t.file("a.csv", a) })).version.id;
});
afterAll(() => t.cleanUp());

const join = () => ({ versionId: airports, type: "inner" as const, on: [{ left: "origin", right: "iata" }] });

describe("derived datasets", () => {
  it("joins, filters and selects, with row count before saving and lineage after", async () => {
    const definition = {
      base: flights,
      joins: [join()],
      filters: [{ column: "state", op: "=" as const, value: "CA" }],
      select: ["date", "origin", "name", "delay"],
    };
    const preview = await previewDerived(t.db, definition);
    expect(preview.rowCount).toBe(3);
    expect(preview.columns.map((c) => c.name)).toEqual(["date", "origin", "name", "delay"]);

    const r = await createDerivedDataset(t.db, t.ctx, { name: uniqueName("ca-flights"), definition });
    expect(r.version).toMatchObject({ sourceKind: "derived", rowCount: 3, definition });
    expect(r.version.parents.map((p) => p.id).sort()).toEqual([flights, airports].sort());

    // Re-running the same definition on the same parents gives the same hash: nothing new is made.
    const again = await createDerivedDataset(t.db, t.ctx, { name: r.version.datasetName, definition });
    expect(again).toMatchObject({ created: false, version: { id: r.version.id, contentHash: r.version.contentHash } });
  });

  it("prefixes clashing column names with the joined dataset's name", async () => {
    const self = {
      base: flights,
      joins: [{ versionId: flights, type: "left" as const, on: [{ left: "origin", right: "dest" }] }],
      filters: [],
    };
    const preview = await previewDerived(t.db, self);
    const names = preview.columns.map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(["date", "origin", "dest", "delay"]);
    expect(names.slice(4).every((n) => n.startsWith("flights-") === false && /_date$|_origin$|_dest$|_delay$/.test(n))).toBe(true);
  });

  it("supports every predicate, date ranges included", async () => {
    const count = async (filters: unknown[]) =>
      (await previewDerived(t.db, { base: flights, joins: [], filters: filters as never })).rowCount;
    expect(await count([{ column: "delay", op: ">", value: 10 }])).toBe(2);
    expect(await count([{ column: "delay", op: "<=", value: 5 }])).toBe(2);
    expect(await count([{ column: "origin", op: "!=", value: "SFO" }])).toBe(3);
    expect(await count([{ column: "origin", op: "in", values: ["SFO", "JFK"] }])).toBe(3);
    expect(await count([{ column: "origin", op: "not in", values: ["SFO"] }])).toBe(3);
    expect(await count([{ column: "delay", op: "is null" }])).toBe(1);
    expect(await count([{ column: "delay", op: "is not null" }])).toBe(4);
    expect(await count([{ column: "date", op: "between", from: "2001-02-01", to: "2001-03-01" }])).toBe(2);
  });

  it("names the problem for a missing join column, mismatched key types and bad filter values", async () => {
    const bad = (definition: object) => previewDerived(t.db, { base: flights, joins: [], filters: [], ...definition } as never);
    await expect(bad({ joins: [{ ...join(), on: [{ left: "nope", right: "iata" }] }] })).rejects.toThrow(
      /no column "nope" on the left side/,
    );
    await expect(bad({ joins: [{ ...join(), on: [{ left: "origin", right: "nope" }] }] })).rejects.toThrow(/has no column "nope"/);
    await expect(bad({ joins: [{ ...join(), on: [{ left: "delay", right: "iata" }] }] })).rejects.toThrow(
      /"delay" \(integer\) to "iata" \(string\): the key types differ/,
    );
    await expect(bad({ filters: [{ column: "delay", op: "=", value: "soon" }] })).rejects.toThrow(Invalid);
    await expect(bad({ base: "00000000-0000-0000-0000-000000000000" })).rejects.toThrow(/does not exist/);
  });

  it("refuses a join that multiplies rows past ROUNDHOUSE_MAX_DERIVED_ROWS before writing anything, and stops when the caller goes", async () => {
    // Flights joined to themselves on origin: SFO's two rows pair with each other, 4 + 1 + 1 + 1 rows.
    const definition = {
      base: flights,
      joins: [{ versionId: flights, type: "inner" as const, on: [{ left: "origin", right: "origin" }] }],
      filters: [],
    };
    const name = uniqueName("pairs");
    const stored = () => t.db.dataset.count({ where: { name } });
    process.env.ROUNDHOUSE_MAX_DERIVED_ROWS = "6";
    try {
      await expect(createDerivedDataset(t.db, t.ctx, { name, definition })).rejects.toThrow(
        /gives 7 rows, more than the 6 a derived dataset may have \(ROUNDHOUSE_MAX_DERIVED_ROWS\): a join on a key that repeats on both sides/,
      );
      expect(await stored()).toBe(0);
      // A caller gone before the write: nothing is written.
      process.env.ROUNDHOUSE_MAX_DERIVED_ROWS = "7";
      await expect(createDerivedDataset(t.db, t.ctx, { name, definition }, AbortSignal.abort())).rejects.toThrow(/was cancelled/);
      expect(await stored()).toBe(0);
      const made = await createDerivedDataset(t.db, t.ctx, { name, definition });
      expect(made.version.rowCount).toBe(7);
    } finally {
      delete process.env.ROUNDHOUSE_MAX_DERIVED_ROWS;
    }
  });
});

describe("SQL injection", () => {
  it("treats crafted column names as names and crafted values as values", async () => {
    const evil = `origin"; DROP TABLE users; --`;
    await expect(previewDerived(t.db, { base: flights, joins: [], filters: [{ column: evil, op: "=", value: "x" }] })).rejects.toThrow(
      /There is no column/,
    );
    const none = await previewDerived(t.db, { base: flights, joins: [], filters: [{ column: "origin", op: "=", value: "x' OR '1'='1" }] });
    expect(none.rowCount).toBe(0);
    const inList = await previewDerived(t.db, {
      base: flights,
      joins: [],
      filters: [{ column: "origin", op: "in", values: ["SFO') OR 1=1 --"] }],
    });
    expect(inList.rowCount).toBe(0);
    expect(await t.db.user.count()).toBeGreaterThan(0);
  });

  it("handles columns whose names contain quotes when previewing, sorting and filtering", async () => {
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("quoted"), file: t.file("q.csv", `"a""b",c\n2,x\n1,y\n`) });
    const { dto, file } = await getDatasetVersion(t.db, r.version.id);
    expect(dto.schema[0]?.name).toBe('a"b');
    const sorted = await previewRows(file, dto.schema, dto.rowCount, { offset: 0, limit: 10, sort: 'a"b', order: "asc" });
    expect(sorted.rows.map((row) => row.c)).toEqual(["y", "x"]);
    await expect(
      previewRows(file, dto.schema, dto.rowCount, { offset: 0, limit: 10, sort: "c; DROP TABLE x", order: "asc" }),
    ).rejects.toThrow(/no column/);
    const filtered = await previewDerived(t.db, { base: r.version.id, joins: [], filters: [{ column: 'a"b', op: ">", value: 1 }] });
    expect(filtered.rowCount).toBe(1);
  });
});

describe("preview", () => {
  it("pages at any offset", async () => {
    const { dto, file } = await getDatasetVersion(t.db, flights);
    const page = await previewRows(file, dto.schema, dto.rowCount, { offset: 3, limit: 10, order: "asc" });
    expect(page.rows.map((r) => r.origin)).toEqual(["JFK", "ORD"]);
    const desc = await previewRows(file, dto.schema, dto.rowCount, { offset: 0, limit: 2, sort: "delay", order: "desc" });
    expect(desc.rows.map((r) => r.delay)).toEqual(["45", "30"]);
  });
});
