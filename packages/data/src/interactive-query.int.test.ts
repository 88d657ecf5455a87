// A preview or dry run must not outlive its caller: the query is interrupted when the request is
// aborted and when the interactive time limit passes, and the error says which.
import { Invalid } from "@roundhouse/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { queryRows, withInteractiveConnection } from "./duckdb.ts";
import { withoutPaths } from "./errors.ts";

// About 10^10 row pairs: minutes of CPU if nothing stops it.
const ENDLESS = "SELECT sum(a.i * b.j) AS s FROM range(100000) a(i), range(100000) b(j)";

afterEach(() => {
  delete process.env.ROUNDHOUSE_QUERY_TIMEOUT_SECONDS;
});

describe("interactive queries", () => {
  it("stop when the caller goes away", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const err = await withInteractiveConnection("dry run", controller.signal, (c) => queryRows(c, ENDLESS)).catch((e) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect(err.message).toBe("The request for the dry run was cancelled.");
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("stop at the time limit with a message that says what to do", async () => {
    process.env.ROUNDHOUSE_QUERY_TIMEOUT_SECONDS = "0.5";
    const err = await withInteractiveConnection("preview", undefined, (c) => queryRows(c, ENDLESS)).catch((e) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect(err.message).toMatch(/^The preview took longer than 0.5 s and was stopped; narrow it/);
  });

  it("answer quick queries as usual", async () => {
    expect(await withInteractiveConnection("preview", new AbortController().signal, (c) => queryRows(c, "SELECT 42 AS n"))).toEqual([
      { n: 42 },
    ]);
  });
});

describe("error text", () => {
  it("never carries the server's file paths", () => {
    expect(withoutPaths('IO Error: No files found that match the pattern "/root/.roundhouse/tmp/a-1.csv"')).toBe(
      "IO Error: No files found that match the pattern the file",
    );
    expect(withoutPaths("Binder Error: column a/b not found")).toBe("Binder Error: column a/b not found");
  });
});
