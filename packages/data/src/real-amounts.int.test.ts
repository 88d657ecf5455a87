// Amounts as spreadsheets, ledgers, banks and Swiss or German exports write them, read as numbers.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestDataset } from "./datasets-service.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
});
afterAll(() => t.cleanUp());

describe("real files: amounts", () => {
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
});
