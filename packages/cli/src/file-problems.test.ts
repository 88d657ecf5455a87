import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileProblem } from "./file-problems.ts";

const thrown = (read: () => unknown) => {
  try {
    read();
  } catch (err) {
    return err;
  }
  throw new Error("expected the read to fail");
};

describe("fileProblem", () => {
  it("says in words what Node's file errors mean, and leaves other errors alone", () => {
    const missing = path.join(os.tmpdir(), "roundhouse-no-such-file.json");
    expect(fileProblem(thrown(() => fs.readFileSync(missing, "utf8")))).toBe(`there is no file ${missing}`);
    // Reading a folder fails with no path in the error.
    expect(fileProblem(thrown(() => fs.readFileSync(os.tmpdir(), "utf8")))).toBe("the path given is a folder, not a file");
    expect(fileProblem(new Error("something else"))).toBeNull();
    expect(fileProblem(undefined)).toBeNull();
  });
});
