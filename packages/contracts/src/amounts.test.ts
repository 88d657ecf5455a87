import { describe, expect, it } from "vitest";
import { amountValue } from "./amounts.ts";

describe("amountValue: the number behind an amount as a spreadsheet writes it", () => {
  it("reads currency and percent signs, thousands groups and an accountant's parentheses, with a decimal point", () => {
    expect(amountValue("$1,711.92")).toBe(1711.92);
    expect(amountValue("12.50 €")).toBe(12.5);
    expect(amountValue("4%")).toBe(4);
    expect(amountValue("(2,000.00)")).toBe(-2000);
    expect(amountValue("$(15.00)")).toBe(-15);
    expect(amountValue("($15.00)")).toBe(-15);
    expect(amountValue("1 234.50")).toBe(1234.5);
    expect(amountValue("1'234.50")).toBe(1234.5);
    expect(amountValue("300.25-")).toBe(-300.25);
    // Currency codes, as banks and ERPs write them, and the signs of other currencies.
    expect(amountValue("USD 1,234.00")).toBe(1234);
    expect(amountValue("CHF 1'234.50")).toBe(1234.5);
    expect(amountValue("-12.50 EUR")).toBe(-12.5);
    expect(amountValue("₹1,20,000")).toBeNull();
    expect(amountValue("₹120,000.00")).toBe(120000);
  });

  it("reads a decimal comma's groups: points and (no-break) spaces", () => {
    expect(amountValue("1.234,50", ",")).toBe(1234.5);
    expect(amountValue("1 234,50", ",")).toBe(1234.5);
    expect(amountValue("2\u00a0000,00", ",")).toBe(2000);
    expect(amountValue("3\u202f000,75 €", ",")).toBe(3000.75);
    expect(amountValue("(7,25 €)", ",")).toBe(-7.25);
    // SAP writes a negative with its minus after it.
    expect(amountValue("1.234,50-", ",")).toBe(-1234.5);
    expect(amountValue("15,00-", ",")).toBe(-15);
    expect(amountValue("1.234,50 EUR", ",")).toBe(1234.5);
  });

  it("leaves plain numbers, ambiguous groups and other text alone", () => {
    // Plain numbers are numbers already; "1,500" may be one and a half; the mark decides the rest.
    for (const text of ["12.5", "1,500", "(12", "12)", "$", "abc", "1.234,50", "1,234.5.6", "5--", "-", "USD", "USDX 12", "EURO 5"])
      expect(amountValue(text)).toBeNull();
    for (const text of ["12,5", "1.500", "1,234.50", "(1.5"]) expect(amountValue(text, ",")).toBeNull();
  });
});
