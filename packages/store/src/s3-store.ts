// Any S3-compatible store (AWS S3, MinIO, Ceph, s3rver in tests). Endpoint, region and credentials
// come from the usual AWS variables (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, profiles...).
// Large files go up as multipart uploads read from disk part by part, so memory stays at a few
// parts whatever the file's size; reads are hashed as they stream and refused on a mismatch.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { LocalCache } from "./local-cache.ts";
import {
  checkBytes,
  keyFor,
  type ObjectStore,
  type StoreEntry,
  StoreObjectMissing,
  sha256OfBytes,
  sha256OfFile,
  sha256OfKey,
} from "./object-store.ts";

// Roundhouse runs on Node 20 (see STACK.md); the SDK's notice about future versions is not news to an operator.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const PART_BYTES = 16 * 1024 * 1024;

export interface S3StoreOptions {
  bucket: string;
  prefix: string;
  cache: LocalCache;
  client?: S3ClientConfig;
}

/** "s3://bucket/some/prefix" → bucket and prefix ("" or "some/prefix/"). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new Error(`ROUNDHOUSE_STORE must look like s3://bucket/prefix, not "${url}"`);
  const prefix = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: m[1] as string, prefix: prefix ? `${prefix}/` : "" };
}

const isMissing = (err: unknown) => err instanceof NotFound || err instanceof NoSuchKey || (err as { name?: string }).name === "NotFound";

export function s3Store({ bucket, prefix, cache, client: config }: S3StoreOptions): ObjectStore {
  const endpoint = config?.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  // Self-hosted S3 (MinIO, Ceph, s3rver) is addressed by path, AWS itself by virtual host.
  const client = new S3Client({ forcePathStyle: Boolean(endpoint), region: process.env.AWS_REGION ?? "us-east-1", ...config });
  const location = `s3://${bucket}/${prefix}`;
  const objectKey = (key: string) => {
    sha256OfKey(key); // only content addresses: no "../" or another tenant's prefix
    return `${prefix}${key}`;
  };

  async function head(key: string) {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Content-addressed: bytes already there are not sent again, only freshened for the sweeper's grace period. */
  async function alreadyThere(key: string, byteSize: number) {
    const found = await head(key);
    if (found?.ContentLength !== byteSize) return false;
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: objectKey(key),
        CopySource: `${bucket}/${objectKey(key)}`,
        MetadataDirective: "REPLACE",
        Metadata: { sha256: sha256OfKey(key), stored: new Date().toISOString() },
      }),
    );
    return true;
  }

  async function upload(key: string, body: Buffer | Readable) {
    await new Upload({
      client,
      params: { Bucket: bucket, Key: objectKey(key), Body: body, Metadata: { sha256: sha256OfKey(key) } },
      partSize: PART_BYTES,
      queueSize: 4,
      leavePartsOnError: false,
    }).done();
  }

  async function getStream(key: string): Promise<Readable> {
    try {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return got.Body as Readable;
    } catch (err) {
      if (isMissing(err)) throw new StoreObjectMissing(key, location);
      throw err;
    }
  }

  return {
    location,
    async putFile(file, extension) {
      const sha256 = await sha256OfFile(file);
      const key = keyFor(sha256, extension);
      const byteSize = fs.statSync(file).size;
      if (!(await alreadyThere(key, byteSize))) await upload(key, fs.createReadStream(file, { highWaterMark: 1 << 20 }));
      return { key, sha256, byteSize };
    },
    async putBytes(content, extension) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      const sha256 = sha256OfBytes(bytes);
      const key = keyFor(sha256, extension);
      if (!(await alreadyThere(key, bytes.length))) await upload(key, bytes);
      return { key, sha256, byteSize: bytes.length };
    },
    async localFile(key) {
      sha256OfKey(key);
      return cache.file(key, async (tmp) => {
        const hash = createHash("sha256");
        const body = await getStream(key);
        body.on("data", (chunk: Buffer) => hash.update(chunk));
        await pipeline(body, fs.createWriteStream(tmp));
        return hash.digest("hex");
      });
    },
    async readBytes(key) {
      const chunks: Buffer[] = [];
      for await (const chunk of await getStream(key)) chunks.push(chunk as Buffer);
      return checkBytes(key, Buffer.concat(chunks));
    },
    async exists(key) {
      return (await head(key)) !== null;
    },
    async *list(): AsyncIterable<StoreEntry> {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}sha256/`, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          if (o.Key) yield { key: o.Key.slice(prefix.length), byteSize: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async remove(key) {
      // The sweeper removes only what list() gave it; those are content addresses under the prefix.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
}
