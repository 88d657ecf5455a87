import { describe, expect, it } from "vitest";
import { csvCell, csvLines } from "./csv";

describe("csv export", () => {
  it("keeps spreadsheet formulas from running, but leaves numbers alone", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-3.5")).toBe("-3.5");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(null)).toBe("");
  });

  it("quotes commas, quotes and line breaks, with CRLF line ends", () => {
    expect(
      csvLines([
        ["a", "b"],
        ['say "hi", ok', "two\nlines"],
      ]),
    ).toBe('a,b\r\n"say ""hi"", ok","two\nlines"\r\n');
  });
});
