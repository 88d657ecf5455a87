// Datasets as the product sees them: immutable versions whose Parquet file, row, lineage and
// audit event appear together or not at all. A failed ingest leaves no row and no file behind.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import {
  type ColumnSchema,
  Conflict,
  type CsvOptions,
  type DatasetSummary,
  type DatasetVersionDto,
  type DeriveDefinition,
  type DerivePreview,
  type FileFormat,
  type IngestResult,
  isUuid,
  NotFound,
  type ScoringProvenance,
} from "@roundhouse/contracts";
import { audit, canonicalJson, type Db, isUniqueViolation, type Prisma, type RequestContext } from "@roundhouse/db";
import { localFileOf, objectStore, sha256OfFile } from "@roundhouse/store";
import { appendRows } from "./append.ts";
import { toColumnSchema } from "./column-types.ts";
import { toVersionDto, VERSION_INCLUDE } from "./dataset-dto.ts";
import { buildDeriveQuery, type ParentVersion } from "./derive.ts";
import { literal, queryRows, withConnection, withInteractiveConnection } from "./duckdb.ts";
import { explainReadError, invalid } from "./errors.ts";
import { convertToParquet } from "./ingest.ts";
import { profileParquet } from "./profile.ts";
import { dataRoots, withTempFiles } from "./temp-files.ts";

export interface IngestRequest {
  /** A new dataset by this name, or... */
  name?: string;
  /** ...a new version of this existing dataset. */
  datasetId?: string;
  description?: string;
  file: string;
  originalName?: string;
  sha256?: string;
  format?: FileFormat;
  csv?: CsvOptions;
  sourceKind?: "upload" | "path" | "demo";
  /** New versions only: "append" adds the file's rows to the latest version (append.ts). */
  mode?: "replace" | "append";
}

export async function ingestDataset(db: Db, ctx: RequestContext, req: IngestRequest): Promise<IngestResult> {
  const existing = await resolveTarget(db, req);
  const fileHash = req.sha256 ?? (await sha256OfFile(req.file));
  if (req.mode === "append") {
    if (!existing) throw invalid("mode", "Appending needs an existing dataset: upload the first version without mode=append.");
    return appendVersion(db, ctx, existing, req, fileHash);
  }
  const contentHash = fileHash;
  if (existing) {
    const same = await db.datasetVersion.findFirst({ where: { datasetId: existing.id, contentHash }, include: VERSION_INCLUDE });
    if (same) return identical(toVersionDto(same));
  }
  return withTempFiles(async (temp) => {
    const parquet = temp(".parquet");
    const converted = await convertToParquet(req.file, parquet, { originalName: req.originalName, format: req.format, csv: req.csv });
    const profile = await profileParquet(parquet, converted.schema);
    return commitVersion(db, ctx, {
      datasetId: existing?.id,
      name: req.name ?? existing?.name ?? "",
      description: req.description,
      parquet,
      contentHash,
      sourceKind: req.sourceKind ?? "upload",
      sourceName: req.originalName ?? null,
      rowCount: converted.rowCount,
      schema: converted.schema,
      profile,
      warnings: converted.warnings,
    });
  });
}

async function appendVersion(db: Db, ctx: RequestContext, dataset: { id: string; name: string }, req: IngestRequest, fileHash: string) {
  const previous = await db.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { version: "desc" } });
  if (!previous) throw invalid("mode", `${dataset.name} has no version to append to.`);
  // A file already appended to this dataset is not appended again: a scheduler retrying after a
  // lost response must not double the rows. (Hash of the content: previous rows, then this file.)
  const contentHash = createHash("sha256")
    .update(canonicalJson({ append: fileHash, to: previous.contentHash }))
    .digest("hex");
  const same = await db.datasetVersion.findFirst({
    where: { datasetId: dataset.id, OR: [{ contentHash }, { sourceKind: "append", sourceSha256: fileHash }] },
    include: VERSION_INCLUDE,
  });
  if (same) {
    const v = toVersionDto(same);
    return {
      created: false,
      message: `This file was already appended as version ${v.version} of ${v.datasetName}; no new version was made.`,
      version: v,
    };
  }
  return withTempFiles(async (temp) => {
    const added = temp(".parquet");
    const converted = await convertToParquet(req.file, added, { originalName: req.originalName, format: req.format, csv: req.csv });
    const combined = temp(".parquet");
    const schema = previous.schema as unknown as ColumnSchema[];
    const appended = await appendRows(
      { path: await localFileOf(previous.storagePath), schema, rowCount: Number(previous.rowCount) },
      added,
      combined,
    );
    const profile = await profileParquet(combined, appended.schema);
    return commitVersion(db, ctx, {
      datasetId: dataset.id,
      name: dataset.name,
      parquet: combined,
      contentHash,
      sourceKind: "append",
      sourceName: req.originalName ?? null,
      sourceSha256: fileHash,
      rowCount: appended.rowCount,
      schema: appended.schema,
      profile,
      warnings: [...converted.warnings, ...appended.warnings],
      parentIds: [previous.id],
      appendsTo: { id: previous.id, version: previous.version, rows: Number(previous.rowCount) },
    });
  });
}

function identical(same: DatasetVersionDto): IngestResult {
  return {
    created: false,
    message: `Identical to version ${same.version} of ${same.datasetName} (sha256 ${same.contentHash.slice(0, 12)}…); no new version was made.`,
    version: same,
  };
}

function nameTaken(name: string, id?: string): Conflict {
  const how = id ? ` (POST /api/v1/datasets/${id}/versions)` : "";
  return new Conflict(`A dataset named ${name} already exists. To add data to it, upload a new version${how}.`, [
    { path: "name", message: "already in use" },
  ]);
}

/** A server-side file, allowed only below one of the configured data roots. */
export async function registerPath(db: Db, ctx: RequestContext, req: Omit<IngestRequest, "file" | "sourceKind"> & { path: string }) {
  const roots = dataRoots();
  if (roots.length === 0) throw invalid("path", "Registering server files is off: no data roots are configured (ROUNDHOUSE_DATA_ROOTS).");
  if (req.path.split(/[\\/]/).includes("..")) throw invalid("path", "The path may not contain '..'.");
  const resolved = path.resolve(req.path);
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    throw invalid("path", `There is no file at ${req.path}.`);
  }
  // Checked after resolving links, so a symlink inside a root cannot point outside it.
  if (!roots.some((r) => real === r || real.startsWith(r + path.sep))) {
    throw invalid("path", `${req.path} is outside the data roots (${roots.join(", ")}).`);
  }
  // Exactly that file and nothing else: opened once without following a link, its bytes copied to
  // a temporary file of our own naming while they are hashed. DuckDB never sees the user's path, so
  // glob characters in a name (`s*.csv`, `[a].csv`) cannot widen what is read, and the hash is of
  // the bytes that are ingested even if the file changes meanwhile.
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    throw invalid("path", `${req.path} cannot be opened.`);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw invalid("path", `${req.path} is not a file.`);
    return await withTempFiles(async (temp) => {
      const copy = temp();
      const sha256 = await copyAndHash(fd, copy);
      return ingestDataset(db, ctx, { ...req, file: copy, sha256, originalName: path.basename(real), sourceKind: "path" });
    });
  } finally {
    fs.closeSync(fd);
  }
}

async function copyAndHash(fd: number, dest: string): Promise<string> {
  const hash = createHash("sha256");
  const source = fs.createReadStream("", { fd, autoClose: false, start: 0 });
  source.on("data", (chunk) => hash.update(chunk as Buffer));
  await pipeline(source, fs.createWriteStream(dest));
  return hash.digest("hex");
}

async function resolveTarget(db: Db, req: IngestRequest) {
  if (req.datasetId) {
    const found = await db.dataset.findUnique({ where: { id: req.datasetId } });
    if (!found) throw new NotFound("Dataset", req.datasetId);
    return found;
  }
  if (!req.name) throw invalid("name", "Name the new dataset.");
  const byName = await db.dataset.findUnique({ where: { name: req.name } });
  if (byName) throw nameTaken(req.name, byName.id);
  return null;
}

export interface NewVersion {
  datasetId?: string;
  name: string;
  description?: string;
  parquet: string;
  contentHash: string;
  sourceKind: "upload" | "path" | "derived" | "demo" | "append" | "scored";
  sourceName: string | null;
  rowCount: number;
  schema: unknown;
  profile: unknown;
  warnings: string[];
  definition?: DeriveDefinition | ScoringProvenance;
  parentIds?: string[];
  sourceSha256?: string;
  /** An append is only valid on top of the version it was built from. */
  appendsTo?: { id: string; version: number; rows: number };
}

/**
 * Stores a new version, or answers the identical one when concurrent uploads of the same content
 * raced past the first check (the dataset row lock serializes them; the second sees the first).
 * A new dataset whose name another upload took meanwhile is a 409, as if it had existed before.
 */
export async function commitVersion(db: Db, ctx: RequestContext, v: NewVersion): Promise<IngestResult> {
  const versionId = randomUUID();
  // Into the store before the row: a row never names a missing file. If the row does not commit,
  // the object is left to the sweeper (another version may have the very same bytes).
  const stored = await objectStore().putFile(v.parquet, "parquet");
  try {
    const committed = await db.$transaction(async (tx) => {
      let datasetId = v.datasetId;
      if (!datasetId) {
        const dataset = await tx.dataset.create({
          data: { name: v.name, description: v.description ?? "", ownerId: ctx.actor.id as string },
        });
        await audit(tx, ctx, { action: "dataset.create", entityType: "dataset", entityId: dataset.id, after: { name: dataset.name } });
        datasetId = dataset.id;
      } else {
        // Serializes concurrent uploads to one dataset so version numbers never collide.
        await tx.$queryRawUnsafe(`SELECT id FROM datasets WHERE id = $1::uuid FOR UPDATE`, datasetId);
        const same = await tx.datasetVersion.findFirst({ where: { datasetId, contentHash: v.contentHash }, include: VERSION_INCLUDE });
        if (same) return { identical: true as const, row: same };
        if (v.appendsTo) await stillLatest(tx, datasetId, v.appendsTo);
        await tx.dataset.update({ where: { id: datasetId }, data: { updatedAt: new Date() } });
      }
      const last = await tx.datasetVersion.aggregate({ where: { datasetId }, _max: { version: true } });
      const created = await tx.datasetVersion.create({
        data: {
          id: versionId,
          datasetId,
          version: (last._max.version ?? 0) + 1,
          contentHash: v.contentHash,
          storagePath: stored.key,
          sourceKind: v.sourceKind,
          sourceName: v.sourceName,
          sourceSha256: v.sourceSha256 ?? null,
          rowCount: BigInt(v.rowCount),
          byteSize: BigInt(stored.byteSize),
          schema: v.schema as Prisma.InputJsonValue,
          profile: v.profile as Prisma.InputJsonValue,
          warnings: v.warnings,
          definition: (v.definition ?? undefined) as Prisma.InputJsonValue | undefined,
          createdById: ctx.actor.id as string,
          parents: v.parentIds ? { create: v.parentIds.map((parentId, position) => ({ parentId, position })) } : undefined,
        },
        include: VERSION_INCLUDE,
      });
      await audit(tx, ctx, {
        action: "dataset-version.create",
        entityType: "dataset-version",
        entityId: created.id,
        after: {
          dataset: created.dataset.name,
          version: created.version,
          contentHash: created.contentHash,
          rows: v.rowCount,
          source: v.sourceKind,
          ...(v.appendsTo ? { appendedTo: v.appendsTo.version, rowsAdded: v.rowCount - v.appendsTo.rows } : {}),
        },
      });
      return { identical: false as const, row: created };
    });
    const version = toVersionDto(committed.row);
    if (committed.identical) return identical(version);
    return {
      created: true,
      message: `Created version ${version.version} of ${version.datasetName} with ${version.rowCount} rows.`,
      version,
    };
  } catch (err) {
    if (!v.datasetId && isUniqueViolation(err)) throw nameTaken(v.name);
    throw err;
  }
}

async function stillLatest(tx: Prisma.TransactionClient, datasetId: string, appendsTo: { id: string; version: number }) {
  const latest = await tx.datasetVersion.findFirst({
    where: { datasetId },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
  if (latest?.id !== appendsTo.id) {
    throw new Conflict(
      `Version ${latest?.version} was made while these rows were being appended to version ${appendsTo.version}; send them again to append to the new latest version.`,
      [{ path: "mode", message: "the latest version changed" }],
    );
  }
}

// ─── Derived datasets ───────────────────────────────────────────────────────────────────────────

async function loadParents(db: Db, def: DeriveDefinition): Promise<Map<string, ParentVersion & { contentHash: string }>> {
  const ids = [def.base, ...def.joins.map((j) => j.versionId)];
  const rows = await db.datasetVersion.findMany({ where: { id: { in: ids } }, include: { dataset: { select: { name: true } } } });
  const files = await Promise.all(rows.map((r) => localFileOf(r.storagePath)));
  return new Map(
    rows.map((r, i) => [
      r.id,
      { id: r.id, datasetName: r.dataset.name, path: files[i] as string, schema: r.schema as never, contentHash: r.contentHash },
    ]),
  );
}

/** Row count, schema and first rows of a definition, without saving anything. */
export async function previewDerived(db: Db, def: DeriveDefinition, signal?: AbortSignal): Promise<DerivePreview> {
  const query = buildDeriveQuery(def, await loadParents(db, def));
  return withInteractiveConnection("preview of the derived dataset", signal, async (c) => {
    try {
      const [count] = await queryRows(c, `SELECT count(*)::BIGINT AS n FROM (${query.sql})`, query.params);
      const columns = toColumnSchema(await queryRows(c, `DESCRIBE ${query.sql}`, query.params));
      const rows = (await c.runAndReadAll(`${query.sql} LIMIT 20`, query.params as never)).getRowObjectsJson() as Record<string, unknown>[];
      return { rowCount: Number(count?.n ?? 0), columns, rows };
    } catch (err) {
      throw explainReadError(err, "derived dataset definition", "definition");
    }
  });
}

/**
 * The most rows a derived dataset may have (ROUNDHOUSE_MAX_DERIVED_ROWS). A join on a key that
 * repeats on both sides gives every pair of matching rows: flights-2001 joined to itself on
 * `origin` is tens of billions of rows, and its write filled the disk at 1.6 GB a minute with
 * both cores busy, long after the caller had gone.
 */
export const maxDerivedRows = () => Number(process.env.ROUNDHOUSE_MAX_DERIVED_ROWS ?? 100_000_000);

export async function createDerivedDataset(
  db: Db,
  ctx: RequestContext,
  req: { name: string; description?: string; definition: DeriveDefinition },
  signal?: AbortSignal,
): Promise<IngestResult> {
  const parents = await loadParents(db, req.definition);
  const query = buildDeriveQuery(req.definition, parents);
  // The content is a pure function of the definition and the exact parents, so hash those: the
  // same definition over the same parent versions always gives the same hash.
  const contentHash = createHash("sha256")
    .update(canonicalJson({ definition: req.definition, parents: [...parents.values()].map((p) => [p.id, p.contentHash]).sort() }))
    .digest("hex");
  const existing = await db.dataset.findUnique({ where: { name: req.name } });
  if (existing) {
    const same = await db.datasetVersion.findFirst({ where: { datasetId: existing.id, contentHash }, include: VERSION_INCLUDE });
    if (same) return identical(toVersionDto(same));
  }
  // Counted first, within the interactive time limit (a count of billions of pairs runs out of it).
  const rows = await withInteractiveConnection("row count of the derived dataset", signal, async (c) => {
    try {
      return Number((await queryRows(c, `SELECT count(*)::BIGINT AS n FROM (${query.sql})`, query.params))[0]?.n ?? 0);
    } catch (err) {
      throw explainReadError(err, "derived dataset definition", "definition");
    }
  });
  if (rows === 0) throw invalid("definition", "The definition selects no rows; loosen the filters or check the join keys.");
  if (rows > maxDerivedRows())
    throw invalid(
      "definition",
      `The definition gives ${rows.toLocaleString("en-US")} rows, more than the ${maxDerivedRows().toLocaleString("en-US")} a derived dataset may have (ROUNDHOUSE_MAX_DERIVED_ROWS): a join on a key that repeats on both sides gives every pair of matching rows; join on a key that is unique in the joined dataset, or filter first.`,
    );
  return withTempFiles(async (temp) => {
    const parquet = temp(".parquet");
    // Stopped when the caller goes away; its size is bounded by the count above.
    await withInteractiveConnection(
      "derived dataset",
      signal,
      async (c) => {
        try {
          await c.run(`COPY (${query.sql}) TO ${literal(parquet)} (FORMAT parquet, COMPRESSION zstd)`, query.params as never);
        } catch (err) {
          throw explainReadError(err, "derived dataset definition", "definition");
        }
      },
      { timed: false },
    );
    // The rows were counted above: the parents are immutable versions.
    const schema = await withConnection(async (c) =>
      toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${literal(parquet)})`)),
    );
    const profile = await profileParquet(parquet, schema);
    return commitVersion(db, ctx, {
      datasetId: existing?.id,
      name: req.name,
      description: req.description,
      parquet,
      contentHash,
      sourceKind: "derived",
      sourceName: null,
      rowCount: rows,
      schema,
      profile,
      warnings: [],
      definition: req.definition,
      parentIds: [...new Set([req.definition.base, ...req.definition.joins.map((j) => j.versionId)])],
    });
  });
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────────

export async function listDatasets(
  db: Db,
  q: { q?: string; sort: "name" | "updated" | "rows" | "size"; order: "asc" | "desc" },
): Promise<DatasetSummary[]> {
  const rows = await db.dataset.findMany({
    where: q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { description: { contains: q.q, mode: "insensitive" } }] } : {},
    include: {
      owner: { select: { email: true } },
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, version: true, rowCount: true, byteSize: true, createdAt: true },
      },
      _count: { select: { versions: true } },
    },
  });
  const items: DatasetSummary[] = rows.map((d) => {
    const latest = d.versions[0];
    return {
      id: d.id,
      name: d.name,
      description: d.description,
      owner: d.owner.email,
      versionCount: d._count.versions,
      latest: latest
        ? {
            id: latest.id,
            version: latest.version,
            rowCount: Number(latest.rowCount),
            byteSize: Number(latest.byteSize),
            createdAt: latest.createdAt.toISOString(),
          }
        : null,
      updatedAt: d.updatedAt.toISOString(),
    };
  });
  const key: Record<typeof q.sort, (d: DatasetSummary) => string | number> = {
    name: (d) => d.name.toLowerCase(),
    updated: (d) => d.updatedAt,
    rows: (d) => d.latest?.rowCount ?? 0,
    size: (d) => d.latest?.byteSize ?? 0,
  };
  const dir = q.order === "asc" ? 1 : -1;
  return items.sort((a, b) => (key[q.sort](a) < key[q.sort](b) ? -dir : key[q.sort](a) > key[q.sort](b) ? dir : 0));
}

/** A dataset by its id or, as training specs name it, by its name. */
export async function getDataset(db: Db, idOrName: string) {
  const d = await db.dataset.findUnique({
    where: isUuid(idOrName) ? { id: idOrName } : { name: idOrName },
    include: { owner: { select: { email: true } }, versions: { orderBy: { version: "desc" }, include: VERSION_INCLUDE } },
  });
  if (!d) throw new NotFound("Dataset", idOrName);
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    owner: d.owner.email,
    createdAt: d.createdAt.toISOString(),
    versions: d.versions.map(toVersionDto),
  };
}

export async function getDatasetVersion(db: Db, id: string) {
  const v = await db.datasetVersion.findUnique({ where: { id }, include: VERSION_INCLUDE });
  if (!v) throw new NotFound("Dataset version", id);
  return { dto: toVersionDto(v), file: await localFileOf(v.storagePath) };
}
