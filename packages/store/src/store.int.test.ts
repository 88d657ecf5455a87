// The same suite for both stores: what a worker on another host relies on.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folderStore } from "./folder-store.ts";
import { localCache } from "./local-cache.ts";
import { keyFor, type ObjectStore, StoreIntegrityError, StoreObjectMissing, sha256OfFile } from "./object-store.ts";
import { s3Store } from "./s3-store.ts";
import { type S3TestServer, startS3TestServer } from "./s3-test-server.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rh-store-"));
let s3: S3TestServer;

beforeAll(async () => {
  s3 = await startS3TestServer({ dir: path.join(scratch, "s3rver") });
}, 30_000);
afterAll(async () => {
  await s3?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Backend {
  name: string;
  make(): ObjectStore;
  /** Replaces an object's bytes behind the store's back, as damage or an attacker would. */
  tamper(key: string, bytes: Buffer): Promise<void>;
}

const folderRoot = path.join(scratch, "folder");
const s3Client = () =>
  new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
let prefixes = 0;

const backends: Backend[] = [
  {
    name: "folder",
    make: () => folderStore(folderRoot),
    async tamper(key, bytes) {
      fs.writeFileSync(path.join(folderRoot, key), bytes);
    },
  },
  {
    name: "s3",
    make() {
      const cache = localCache(path.join(scratch, `cache-${++prefixes}`), 2 * 1024 ** 3);
      const store = s3Store({
        bucket: s3.bucket,
        prefix: "rh/",
        cache,
        client: { endpoint: s3.endpoint, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
      });
      return store;
    },
    async tamper(key, bytes) {
      await s3Client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: `rh/${key}`, Body: bytes }));
    },
  },
];

describe.each(backends)("the $name store", (backend) => {
  it("keeps bytes under their content address and gives them back, as bytes and as a local file", async () => {
    const store = backend.make();
    const bytes = randomBytes(100_000);
    const put = await store.putBytes(bytes, "bin");
    expect(put.key).toMatch(/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.bin$/);
    expect(put.byteSize).toBe(bytes.length);
    expect(await store.exists(put.key)).toBe(true);
    expect((await store.readBytes(put.key)).equals(bytes)).toBe(true);
    expect(fs.readFileSync(await store.localFile(put.key)).equals(bytes)).toBe(true);

    const file = path.join(scratch, `${backend.name}-source.parquet`);
    fs.writeFileSync(file, bytes);
    const again = await store.putFile(file, "parquet");
    expect(again.sha256).toBe(put.sha256);
    expect(again.key).toBe(keyFor(put.sha256, "parquet"));
    const listed = [];
    for await (const e of store.list()) listed.push(e.key);
    expect(listed).toEqual(expect.arrayContaining([put.key, again.key]));
  });

  it("refuses bytes that no longer match their key, and keys that are not content addresses", async () => {
    const store = backend.make();
    const put = await store.putBytes(`model ${backend.name} ${Date.now()}`, "json");
    await backend.tamper(put.key, Buffer.from("a different model"));
    await expect(store.readBytes(put.key)).rejects.toThrow(StoreIntegrityError);
    await expect(store.localFile(put.key)).rejects.toThrow(/is damaged: its bytes hash to/);
    await expect(store.readBytes("../../etc/passwd")).rejects.toThrow(/is not a store key/);
    await expect(store.localFile(keyFor("0".repeat(64), "json"))).rejects.toThrow(StoreObjectMissing);
  });

  it("lets concurrent writers of one key all succeed with one whole object", async () => {
    const store = backend.make();
    const bytes = randomBytes(3 * 1024 * 1024);
    const writers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? store.putBytes(bytes, "bin") : backend.make().putBytes(bytes, "bin"))),
    );
    expect(new Set(writers.map((w) => w.key)).size).toBe(1);
    expect((await store.readBytes(writers[0]?.key as string)).equals(bytes)).toBe(true);
  });

  it("streams a 1 GB file in and out without holding it in memory", { timeout: 300_000 }, async () => {
    const store = backend.make();
    const file = path.join(scratch, `${backend.name}-1gb.bin`);
    const block = randomBytes(1024 * 1024);
    const fd = fs.openSync(file, "w");
    for (let i = 0; i < 1024; i++) {
      block.writeUInt32LE(i, 0);
      fs.writeSync(fd, block);
    }
    fs.closeSync(fd);
    const expected = await sha256OfFile(file);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const put = await store.putFile(file, "bin");
      fs.rmSync(file);
      expect(put).toMatchObject({ sha256: expected, byteSize: 1024 ** 3 });
      const local = await store.localFile(put.key);
      expect(fs.statSync(local).size).toBe(1024 ** 3);
      expect(await sha256OfFile(local)).toBe(expected);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
    }
    // A few upload parts in flight, never the file.
    expect(peak - baseline).toBeLessThan(256 * 1024 * 1024);
  });
});

describe("the local cache of an S3 store", () => {
  const make = (dir: string, maxBytes: number) =>
    s3Store({
      bucket: s3.bucket,
      prefix: "cache-test/",
      cache: localCache(dir, maxBytes),
      client: { endpoint: s3.endpoint, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
    });

  it("keeps the most recently used files within its bound and fetches an evicted one again", async () => {
    const dir = path.join(scratch, "lru");
    const store = make(dir, 250_000);
    const [a, b, c] = (await Promise.all([0, 1, 2].map(() => store.putBytes(randomBytes(100_000), "bin")))).map((p) => p.key) as [
      string,
      string,
      string,
    ];
    const fileA = await store.localFile(a);
    await store.localFile(b);
    await new Promise((r) => setTimeout(r, 20));
    await store.localFile(a); // a is now the most recently used
    await store.localFile(c); // 300 kB > 250 kB: b, the least recently used, goes
    expect(fs.existsSync(fileA)).toBe(true);
    expect(fs.existsSync(path.join(dir, b))).toBe(false);
    expect(fs.existsSync(path.join(dir, c))).toBe(true);
    expect(fs.statSync(await store.localFile(b)).size).toBe(100_000);
  });

  it("replaces a damaged cached copy from the store instead of handing it out", async () => {
    const dir = path.join(scratch, "damaged");
    const bytes = randomBytes(50_000);
    const put = await make(dir, 1e9).putBytes(bytes, "bin");
    const cached = await make(dir, 1e9).localFile(put.key);
    fs.writeFileSync(cached, Buffer.from("not the model"));
    // A new process (a fresh store and cache) must not trust the file it finds.
    const again = await make(dir, 1e9).localFile(put.key);
    expect(fs.readFileSync(again).equals(bytes)).toBe(true);
  });

  it("removes downloads a killed process left half-written, once they are an hour old", async () => {
    const dir = path.join(scratch, "abandoned");
    const store = make(dir, 1e9);
    const first = await store.putBytes(randomBytes(1_000), "bin");
    const shard = path.dirname(await store.localFile(first.key));
    const stale = path.join(shard, "left-by-kill.partial");
    const fresh = path.join(shard, "in-progress.partial");
    fs.writeFileSync(stale, "half");
    fs.writeFileSync(fresh, "half");
    const hourAgo = new Date(Date.now() - 61 * 60_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    await store.localFile((await store.putBytes(randomBytes(1_000), "bin")).key); // a download runs the sweep
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });
});
