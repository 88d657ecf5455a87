// Uploads and new dataset work stop at a reserve of free disk (disk-room.ts), on this machine's real
// disk: the reserve is set relative to what statfs says is free now.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { InsufficientStorage } from "@roundhouse/contracts";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { assertDiskRoom, diskHealth, freeDiskBytes, minFreeDiskBytes } from "./disk-room.ts";
import { literal, withConnection } from "./duckdb.ts";
import { tempPath } from "./temp-files.ts";
import { receiveUpload } from "./upload.ts";

const MB = 2 ** 20;
const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-disk-room-"));
const before = { home: process.env.ROUNDHOUSE_HOME, reserve: process.env.ROUNDHOUSE_MIN_FREE_DISK_MB };
process.env.ROUNDHOUSE_HOME = home;
const restore = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};
afterEach(() => restore("ROUNDHOUSE_MIN_FREE_DISK_MB", before.reserve));
afterAll(() => {
  restore("ROUNDHOUSE_HOME", before.home);
  fs.rmSync(home, { recursive: true, force: true });
});

/** The reserve set so that `room` bytes may still be written (negative: none). */
const leaveRoom = (room: number) => {
  process.env.ROUNDHOUSE_MIN_FREE_DISK_MB = String(Math.floor((freeDiskBytes(home) - room) / MB));
};
const chunks = (megabytes: number) =>
  Readable.from(
    (function* () {
      const chunk = Buffer.alloc(MB, 7);
      for (let i = 0; i < megabytes; i++) yield chunk;
    })(),
  );

describe("the disk's reserve", () => {
  it("refuses new work on datasets with 507 once the disk is down to it, saying how much is free and kept", () => {
    leaveRoom(-10 * 1024 * MB);
    const err = (() => {
      try {
        tempPath(".csv");
      } catch (e) {
        return e as InsufficientStorage;
      }
    })();
    expect(err).toBeInstanceOf(InsufficientStorage);
    expect(err?.status).toBe(507);
    expect(err?.message).toMatch(
      /^Dataset work cannot go on: the server's disk has [\d,]+ MB free, and keeps [\d,]+ MB for the database \(ROUNDHOUSE_MIN_FREE_DISK_MB\)\. Nothing was stored; an operator must make room\.$/,
    );
    expect(fs.readdirSync(path.join(home, "tmp"))).toEqual([]);
  });

  it("stops an upload that comes down to it while it streams, and deletes what it wrote", async () => {
    // 16 MB of room: a 512 MB upload stops at the first look, after 64 MB, not at the end.
    leaveRoom(16 * MB);
    const dest = path.join(home, "upload.csv");
    const read: number[] = [];
    const body = chunks(512).on("data", () => read.push(1));
    const err = await receiveUpload(body, dest).catch((e) => e);
    expect(err).toBeInstanceOf(InsufficientStorage);
    expect(err.message).toMatch(/^The upload cannot go on: the server's disk has [\d,]+ MB free, and keeps/);
    expect(read.length).toBeLessThan(100);
    expect(fs.existsSync(dest)).toBe(false);
  });

  it("refuses an upload whose announced size would take the disk below it, before a byte is read", () => {
    leaveRoom(64 * MB);
    expect(() => assertDiskRoom(home, 100 * MB)).toThrow(
      /^The upload does not fit: the server's disk has [\d,]+ MB free for 100 MB, and keeps [\d,]+ MB for the database/,
    );
    expect(() => assertDiskRoom(home, 32 * MB)).not.toThrow();
  });

  it("is part of health: below it, a reason an operator can act on", () => {
    leaveRoom(-10 * 1024 * MB);
    const below = diskHealth(home);
    expect(below.disk.ok).toBe(false);
    expect(below.disk.reserveMb).toBeGreaterThan(below.disk.freeMb);
    expect(below.reason).toMatch(
      /^the disk has [\d,]+ MB free, below the reserve of [\d,]+ MB \(ROUNDHOUSE_MIN_FREE_DISK_MB\): uploads and dataset work get 507/,
    );
    leaveRoom(10 * 1024 * MB);
    expect(diskHealth(home)).toMatchObject({ disk: { ok: true }, reason: null });
    // A data home not made yet (nothing uploaded) is measured on the disk it will be on.
    expect(diskHealth(path.join(home, "not", "made", "yet")).disk.ok).toBe(true);
  });

  it("is 1 GiB unless set, and a setting that is not a number of megabytes is refused, not read as no reserve", () => {
    expect(minFreeDiskBytes(undefined)).toBe(1024 * MB);
    expect(minFreeDiskBytes("0")).toBe(0);
    expect(minFreeDiskBytes("2048")).toBe(2048 * MB);
    expect(() => minFreeDiskBytes("1G")).toThrow('ROUNDHOUSE_MIN_FREE_DISK_MB must be a whole number of megabytes; got "1G"');
  });

  it("interrupts DuckDB work that writes the disk down to it (a join's result, a conversion) with 507, within a second or so", async () => {
    fs.mkdirSync(path.join(home, "tmp"), { recursive: true });
    leaveRoom(48 * MB);
    const file = path.join(home, "tmp", "huge.parquet");
    // 20M rows × 8 random doubles: about 1.3 GB of Parquet, minutes on a slow disk, if not stopped.
    const columns = Array.from({ length: 8 }, (_, i) => `random() AS c${i}`).join(", ");
    const started = performance.now();
    const err = await withConnection((c) =>
      c.run(`COPY (SELECT ${columns} FROM range(20000000)) TO ${literal(file)} (FORMAT parquet)`),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(InsufficientStorage);
    expect(err.message).toMatch(/^Dataset work cannot go on: the server's disk has [\d,]+ MB free, and keeps/);
    // Stopped soon after the first look, not when the file was done.
    expect(fs.existsSync(file) ? fs.statSync(file).size : 0).toBeLessThan(1024 * MB);
    expect(performance.now() - started).toBeLessThan(20_000);
    fs.rmSync(file, { force: true });
  }, 60_000);

  it("leaves DuckDB work alone where there is no data home (roundhouse fit in a folder of the user's): no database to keep room for", {
    timeout: 60_000,
  }, async () => {
    process.env.ROUNDHOUSE_HOME = path.join(home, "not-an-installation");
    try {
      leaveRoom(-10 * 1024 * MB);
      // About 2.5 s on this machine kind: past the watch's first look.
      const rows = await withConnection(async (c) =>
        (await c.runAndReadAll("SELECT count(DISTINCT hash(i::VARCHAR || 'x')) > 0 AS done FROM range(40000000) t(i)")).getRowObjects(),
      );
      expect(rows).toEqual([{ done: true }]);
    } finally {
      process.env.ROUNDHOUSE_HOME = home;
    }
  });

  it("lets an upload through with room to spare", async () => {
    leaveRoom(2 * 1024 * MB);
    const dest = path.join(home, "fits.csv");
    const received = await receiveUpload(chunks(130), dest);
    expect(received.bytes).toBe(130 * MB);
    expect(fs.statSync(dest).size).toBe(130 * MB);
    fs.rmSync(dest);
  });
});
