import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cliSnippet, curlSnippet, pythonSnippet, typescriptSnippet } from "./call-snippets";

const input = {
  origin: "http://localhost:3000",
  model: "churn's model",
  alias: "production",
  version: 3,
  row: { tenure: 12.5, contract: "Month-to-month", "paperless billing": "Yes", note: "it's fine" },
};

describe("call snippets", () => {
  it("quotes the row for the shell so curl sends exactly the JSON of the row", () => {
    const snippet = curlSnippet(input);
    // Let a real shell take the quoting apart and print the -d argument.
    const printed = execFileSync("bash", ["-c", snippet.replace(/^curl /, "printf '%s\\n' ").replace(/ \\\n/g, " ")], { encoding: "utf8" });
    const args = printed.trim().split("\n");
    expect(JSON.parse(args[args.length - 1] as string)).toEqual(input.row);
    expect(args).toContain("http://localhost:3000/api/v1/models/churn's%20model/predict?alias=production");
  });

  it("writes Python and TypeScript with every feature, and a version when there is no alias", () => {
    const python = pythonSnippet({ ...input, alias: null });
    expect(python).toContain('params={"version": 3}');
    for (const name of Object.keys(input.row)) {
      expect(python).toContain(`"${name}":`);
      expect(typescriptSnippet(input)).toContain(name);
    }
    expect(typescriptSnippet(input)).toContain('"paperless billing": "Yes"');
    expect(cliSnippet(input)).toContain("roundhouse models predict 'churn'\\''s model' --alias production");
  });
});
