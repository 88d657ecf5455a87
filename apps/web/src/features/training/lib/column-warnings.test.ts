import type { ColumnProfile } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { columnNote, columnWarning } from "./column-warnings";

const column = (type: ColumnProfile["type"], distinct: number) => ({ name: "c", type, distinct, nulls: 0 }) as ColumnProfile;

describe("the wizard's word on a feature", () => {
  it("warns of a column that gives the label away, by AUC or by correlation, before anything else", () => {
    expect(columnWarning(column("integer", 867), 3_000_000, { auc: 0.02, correlation: null })).toBe(
      "may leak the label: alone it separates the classes (AUC 0.98)",
    );
    expect(columnWarning(column("float", 500), 10_000, { auc: null, correlation: -0.97 })).toBe("may leak the label: correlation -0.97");
    expect(columnWarning(column("float", 500), 10_000, { auc: 0.7, correlation: 0.4 })).toBeNull();
  });

  it("notes that a date feature meets later values than it trained on, without leaving it out", () => {
    expect(columnNote(column("timestamp", 237_580))).toMatch(/^a date: the rows it will score come after every row it trains on/);
    expect(columnNote(column("date", 181))).not.toBeNull();
    expect(columnWarning(column("timestamp", 237_580), 3_000_000, undefined)).toBeNull();
    expect(columnNote(column("integer", 24))).toBeNull();
  });
});
