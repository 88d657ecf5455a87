import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { duckDbSpillDir, sweepStaleTemp, tempPath } from "./temp-files.ts";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-temp-"));
const before = process.env.ROUNDHOUSE_HOME;
process.env.ROUNDHOUSE_HOME = home;
afterAll(() => {
  process.env.ROUNDHOUSE_HOME = before;
  fs.rmSync(home, { recursive: true, force: true });
});

describe("the temporary area", () => {
  it("loses what a process killed mid-work left there, once it is hours old, and keeps work in progress", () => {
    const dir = path.dirname(tempPath());
    const stale = path.join(dir, "killed-upload.csv");
    const staleDir = path.join(dir, "killed-conversion");
    const fresh = path.join(dir, "running-upload.csv");
    fs.writeFileSync(stale, "a,b\n");
    fs.mkdirSync(staleDir);
    fs.writeFileSync(fresh, "a,b\n");
    const sevenHoursAgo = new Date(Date.now() - 7 * 3_600_000);
    fs.utimesSync(stale, sevenHoursAgo, sevenHoursAgo);
    fs.utimesSync(staleDir, sevenHoursAgo, sevenHoursAgo);
    expect(sweepStaleTemp(dir)).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(["running-upload.csv"]);
    // Made again, the next sweep is an hour away: making temporary files costs no directory scan.
    fs.writeFileSync(stale, "a,b\n");
    fs.utimesSync(stale, sevenHoursAgo, sevenHoursAgo);
    tempPath();
    expect(fs.existsSync(stale)).toBe(true);
  });

  it("keeps the DuckDB spill directory of a process still running, however long idle, and loses a dead process's", () => {
    const live = duckDbSpillDir();
    // A process that has ended: its pid is free (reused only after the whole pid space).
    const dead = duckDbSpillDir(spawnSync(process.execPath, ["-e", ""]).pid as number);
    const dir = path.dirname(live);
    for (const spill of [live, dead]) {
      fs.mkdirSync(spill);
      fs.writeFileSync(path.join(spill, "duckdb_temp_storage-0.tmp"), "");
      const sevenHoursAgo = new Date(Date.now() - 7 * 3_600_000);
      fs.utimesSync(spill, sevenHoursAgo, sevenHoursAgo);
    }
    sweepStaleTemp(dir);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(dead)).toBe(false);
    fs.rmSync(live, { recursive: true });
  });
});
