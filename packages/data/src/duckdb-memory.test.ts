// One process's DuckDB is bounded (duckdb.ts): past its memory limit a sort spills into the data
// home's temporary area, not into whatever directory the process runs in, and not into the memory
// the web server, the training children and PostgreSQL share.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { duckDbMemoryMb, duckDbMemoryWithin } from "./duckdb.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-duckdb-memory-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const here = (file: string) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

/**
 * In a process of its own (one DuckDB per process), run in `dir`, with ROUNDHOUSE_HOME=home (null:
 * none set): sorts 6M rows of about 40 bytes each (some 250 MB) and says what its spill directory,
 * in `spillParent`, held while it ran, and what it left in `dir`.
 */
function sortIn(home: string | null, spillParent: string, env: Record<string, string>) {
  const script = `
    import fs from "node:fs";
    import os from "node:os";
    import path from "node:path";
    import { withConnection } from ${here("./duckdb.ts")};
    // Where DuckDB would spill by default (./.tmp): tsx, loaded above, resolves from the repository.
    process.chdir(${JSON.stringify(dir)});
    const spill = path.join(${JSON.stringify(spillParent)}, \`duckdb-spill-\${os.hostname()}-\${process.pid}\`);
    let spilled = 0;
    const watch = setInterval(() => {
      if (fs.existsSync(spill)) spilled = Math.max(spilled, fs.readdirSync(spill).length);
    }, 5);
    const rows = await withConnection(async (c) => {
      const r = await c.runAndReadAll("SELECT count(*)::INT AS n, min(s) AS first FROM (SELECT repeat('x', 24) || (i * 7919 % 6000000)::VARCHAR AS s FROM range(6000000) t(i) ORDER BY s)");
      return r.getRowObjects();
    });
    clearInterval(watch);
    console.log(JSON.stringify({ rows, spilled, leftInCwd: fs.readdirSync(".") }));`;
  const childEnv: Record<string, string | undefined> = { ...process.env, ROUNDHOUSE_HOME: home ?? undefined, ...env };
  if (home === null) delete childEnv.ROUNDHOUSE_HOME;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", env: childEnv });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as { rows: { n: number; first: string }[]; spilled: number; leftInCwd: string[] };
}

describe("DuckDB's memory bound", () => {
  it("spills a sort larger than ROUNDHOUSE_DUCKDB_MEMORY_MB into ROUNDHOUSE_HOME/tmp, finishes it, and leaves nothing behind", () => {
    const home = path.join(dir, "home");
    fs.mkdirSync(home);
    const sorted = sortIn(home, path.join(home, "tmp"), { ROUNDHOUSE_DUCKDB_MEMORY_MB: "64" });
    expect(sorted.rows).toEqual([{ n: 6_000_000, first: `${"x".repeat(24)}0` }]);
    expect(sorted.spilled).toBeGreaterThan(0);
    // Not DuckDB's default, ./.tmp of the directory the process ran in.
    expect(sorted.leftInCwd).toEqual(["home"]);
    // DuckDB removes its spill directory when the process ends.
    expect(fs.readdirSync(path.join(home, "tmp"))).toEqual([]);
    fs.rmSync(home, { recursive: true });
  }, 120_000);

  it("spills into the system's temporary folder where there is no data home (roundhouse fit in a folder of the user's), making none", () => {
    const sorted = sortIn(null, os.tmpdir(), { ROUNDHOUSE_DUCKDB_MEMORY_MB: "64" });
    expect(sorted.rows[0]?.n).toBe(6_000_000);
    expect(sorted.spilled).toBeGreaterThan(0);
    expect(sorted.leftInCwd).toEqual([]);
  }, 120_000);

  it("says work that cannot spill and does not fit is too big for the server (503, naming the bound), not that the input is bad", () => {
    const script = `
      import { withConnection } from ${here("./duckdb.ts")};
      // An aggregate into one string cannot spill: 3M × ~107 bytes is far past 64 MB.
      const sql = "SELECT string_agg(repeat('x', 100) || i::VARCHAR, ',') FROM range(3000000) t(i)";
      const failed = await withConnection((c) => c.run(sql), "derived dataset").then(() => null, (e) => e);
      console.log(JSON.stringify({ name: failed?.name, status: failed?.status, message: failed?.message }));`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, ROUNDHOUSE_HOME: path.join(dir, "home-oom"), ROUNDHOUSE_DUCKDB_MEMORY_MB: "64" },
    });
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual({
      name: "Unavailable",
      status: 503,
      message:
        "The derived dataset needs more memory than this server lets DuckDB use (64 MB, ROUNDHOUSE_DUCKDB_MEMORY_MB); " +
        "work on fewer rows or columns, or ask an operator to raise the bound.",
    });
  }, 60_000);

  it("defaults to a quarter of the machine's memory, at least 1 GB, and refuses a bound that is not a number of megabytes", () => {
    const quarter = Math.floor(Math.min(os.totalmem(), process.constrainedMemory?.() || Number.POSITIVE_INFINITY) / 4 / 2 ** 20);
    expect(duckDbMemoryMb(undefined)).toBe(Math.max(1024, quarter));
    expect(duckDbMemoryMb("")).toBe(Math.max(1024, quarter));
    expect(duckDbMemoryMb("2048")).toBe(2048);
    expect(() => duckDbMemoryMb("2GB")).toThrow(/ROUNDHOUSE_DUCKDB_MEMORY_MB must be a whole number of megabytes, at least 64; got "2GB"/);
    expect(() => duckDbMemoryMb("10")).toThrow(/at least 64/);
  });

  it("gives a training job's DuckDB half the job's memory, so a big load spills before the worker stops the job", () => {
    const machine = duckDbMemoryMb();
    expect(duckDbMemoryWithin(2048)).toBe(Math.min(machine, 1024));
    expect(duckDbMemoryWithin(256)).toBe(128);
    expect(duckDbMemoryWithin(65_536)).toBe(Math.min(machine, 32_768));
  });
});
