// One interface for where files live (dataset versions, model files, workflow originals): a local
// folder by default, any S3-compatible store when ROUNDHOUSE_STORE=s3://bucket/prefix. Keys are
// content addresses, sha256/<first two hex>/<sha256>.<extension>, so the same bytes written twice
// are one object, a writer never overwrites different bytes, and every read can be checked against
// the hash its key names.
import { createHash } from "node:crypto";
import fs from "node:fs";

export interface StoredObject {
  key: string;
  sha256: string;
  byteSize: number;
}

export interface StoreEntry {
  key: string;
  byteSize: number;
  lastModified: Date;
}

export interface ObjectStore {
  /** Where the objects are, for messages and the Workers page: a folder path or s3://bucket/prefix. */
  readonly location: string;
  /** Streams a local file in; it is hashed first, so its key is known before any byte is sent. */
  putFile(file: string, extension: string): Promise<StoredObject>;
  putBytes(bytes: Buffer | string, extension: string): Promise<StoredObject>;
  /** A local file holding the object's bytes, checked against the key's hash before it is handed out. */
  localFile(key: string): Promise<string>;
  /** The object's bytes, checked against the key's hash. For small objects (model files). */
  readBytes(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Every object (and every abandoned partial write), for the sweeper. */
  list(): AsyncIterable<StoreEntry>;
  remove(key: string): Promise<void>;
}

/** A read whose bytes do not hash to the key's sha256: the object was changed or damaged. */
export class StoreIntegrityError extends Error {
  constructor(
    readonly key: string,
    readonly actual: string,
  ) {
    super(`Stored object ${key} is damaged: its bytes hash to ${actual}, not to the sha256 its key names`);
    this.name = "StoreIntegrityError";
  }
}

export class StoreObjectMissing extends Error {
  constructor(
    readonly key: string,
    where: string,
  ) {
    super(`Stored object ${key} is not in ${where}`);
    this.name = "StoreObjectMissing";
  }
}

const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{64})\.([a-z0-9]{1,16})$/;
const EXTENSION = /^[a-z0-9]{1,16}$/;

export function keyFor(sha256: string, extension: string): string {
  if (!EXTENSION.test(extension))
    throw new Error(`A stored file's extension must be 1-16 lower-case letters or digits, not "${extension}"`);
  return `sha256/${sha256.slice(0, 2)}/${sha256}.${extension}`;
}

/** The sha256 a key names; anything that is not a content address (e.g. "../x") is refused. */
export function sha256OfKey(key: string): string {
  const m = KEY.exec(key);
  if (!m || m[1] !== m[2]?.slice(0, 2)) throw new Error(`"${key}" is not a store key (sha256/ab/<sha256>.<extension>)`);
  return m[2] as string;
}

export const isStoreKey = (location: string): boolean => KEY.test(location);

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export const sha256OfBytes = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

export function checkBytes(key: string, bytes: Buffer): Buffer {
  const actual = sha256OfBytes(bytes);
  if (actual !== sha256OfKey(key)) throw new StoreIntegrityError(key, actual);
  return bytes;
}
