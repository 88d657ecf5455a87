export { folderStore } from "./folder-store.ts";
export { type LocalCache, localCache } from "./local-cache.ts";
export {
  isStoreKey,
  keyFor,
  type ObjectStore,
  type StoredObject,
  type StoreEntry,
  StoreIntegrityError,
  StoreObjectMissing,
  sha256OfFile,
  sha256OfKey,
} from "./object-store.ts";
export { PART_BYTES, parseS3Url, s3Store } from "./s3-store.ts";
export { localFileOf, objectStore, readStored, storeFromEnv } from "./store-from-env.ts";
