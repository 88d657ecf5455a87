import { z } from "zod";

export const LogicalTypeSchema = z.enum(["integer", "float", "boolean", "string", "date", "timestamp", "other"]);
export type LogicalType = z.infer<typeof LogicalTypeSchema>;

export const ColumnSchemaSchema = z
  .object({ name: z.string(), type: LogicalTypeSchema, storageType: z.string(), nullable: z.boolean() })
  .meta({ id: "ColumnSchema" });
export type ColumnSchema = z.infer<typeof ColumnSchemaSchema>;

export const HistogramBinSchema = z.object({ start: z.number(), end: z.number(), count: z.number().int() });
export type HistogramBin = z.infer<typeof HistogramBinSchema>;

export const LabelHintSchema = z.enum(["binary", "multiclass", "numeric"]).nullable();

export const ColumnProfileSchema = z
  .object({
    name: z.string(),
    type: LogicalTypeSchema,
    nulls: z.number().int(),
    nullFraction: z.number(),
    distinct: z.number().int().meta({ description: "Distinct non-null values: exact up to 20,000, estimated above" }),
    distinctExact: z.boolean().optional().meta({ description: "false when `distinct` is a HyperLogLog estimate" }),
    min: z.union([z.number(), z.string()]).nullable(),
    max: z.union([z.number(), z.string()]).nullable(),
    mean: z.number().nullable(),
    std: z.number().nullable(),
    quantiles: z.record(z.string(), z.number()).nullable().meta({ description: "p05, p25, p50, p75, p95 for numbers" }),
    histogram: z.array(HistogramBinSchema).nullable().meta({ description: "Numbers and dates (dates as epoch milliseconds)" }),
    topValues: z.array(z.object({ value: z.string(), count: z.number().int() })).nullable(),
    labelHint: LabelHintSchema.meta({ description: "What kind of label this column would make" }),
  })
  .meta({ id: "ColumnProfile" });
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

/**
 * Why a column should not be a feature by default, or null: it never changes, or it names rows
 * (text with a value for more than about half the rows, an integer with one per row). The wizard
 * shows the reason and leaves such columns out; a spec's "all columns except" form skips them too.
 */
export function unsuitableFeature(column: Pick<ColumnProfile, "type" | "distinct" | "nulls">, rows: number): string | null {
  if (column.distinct <= 1) return "constant: every row has the same value";
  const filled = rows - column.nulls;
  if (filled < 50) return null;
  if (column.type === "string" && column.distinct > 0.5 * filled)
    return `ID-like: ${column.distinct.toLocaleString("en-US")} different values in ${filled.toLocaleString("en-US")} rows`;
  if (column.type === "integer" && column.distinct >= 0.95 * filled) return "ID-like: almost every row has its own value";
  if (column.type === "string" && column.distinct > MAX_FEATURE_CATEGORIES)
    return `too many categories: ${column.distinct.toLocaleString("en-US")} different values (at most ${MAX_FEATURE_CATEGORIES.toLocaleString("en-US")})`;
  return null;
}

/** A text feature with more distinct values than this is refused by training (it is an ID, not a category). */
export const MAX_FEATURE_CATEGORIES = 10_000;

export const DatasetProfileSchema = z
  .object({ rowCount: z.number().int(), columns: z.array(ColumnProfileSchema), millis: z.number() })
  .meta({ id: "DatasetProfile" });
export type DatasetProfile = z.infer<typeof DatasetProfileSchema>;

export const DatasetNameSchema = z
  .string()
  .trim()
  .min(1, { error: "Name the dataset" })
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: "Use letters, digits, '-', '_' or '.', starting with a letter or digit" });

/** A dataset named in a path: its id, or its name (names are unique), as training specs name it. */
export const DatasetRefParamSchema = z.object({
  id: z.union([z.uuid(), DatasetNameSchema], { error: "must be a dataset's id (a UUID) or its name" }),
});

/** The error values a spreadsheet writes for a formula that failed (Excel, LibreOffice, Google Sheets). */
export const SPREADSHEET_ERRORS = ["#DIV/0!", "#VALUE!", "#NUM!", "#REF!", "#NAME?", "#NULL!"];

/**
 * What a CSV cell means by "missing" unless the upload says otherwise: R's NA, pandas' NaN and <NA>,
 * SQL's NULL, a spreadsheet's #N/A and the error values its formulas leave (#DIV/0! where a ratio had
 * no denominator): a numeric column with one of them was read as text. Not "None": pandas reads it
 * as missing too, but a label class "None" (no damage) would lose its rows.
 */
export const DEFAULT_NULL_VALUES = [...["", "NA", "N/A", "n/a", "#N/A", "NULL", "null", "NaN", "nan", "<NA>", "?"], ...SPREADSHEET_ERRORS];

export const DecimalMarkSchema = z.enum([".", ","]).meta({
  description:
    'The decimal mark of numbers. Unset: "." with a comma delimiter; with another delimiter, "," when a column holds only numbers written with a decimal comma ("1,5") and none only numbers with a decimal point',
});
export type DecimalMark = z.infer<typeof DecimalMarkSchema>;

export const TextEncodingSchema = z.enum(["utf-8", "utf-16", "windows-1252"]).meta({
  description:
    'The text encoding of a CSV or JSON file. Unset: UTF-8, or UTF-16 when the file starts with its byte order mark; "windows-1252" for a file Excel saved as CSV on Windows in Western Europe (also latin-1)',
});
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

/**
 * How the file writes its dates, as strftime: "03/04/2024" is 3 April with "%d/%m/%Y" and March 4 with
 * "%m/%d/%Y". Unset, a file whose dates could be read either way is read as DuckDB guesses, and the
 * upload says so (ingest.ts).
 */
export const DateFormatSchema = z
  .string()
  .max(40)
  .regex(/%[dmYyb]/, { error: 'must be a strftime format with %d, %m and %Y (or %y), such as "%m/%d/%Y"' })
  .meta({ description: 'How the file writes its dates (strftime), e.g. "%m/%d/%Y" for 03/04/2024 as March 4' });

export const CsvOptionsSchema = z
  .object({
    delimiter: z.string().min(1).max(2).optional(),
    header: z.boolean().optional(),
    quote: z.string().length(1).optional(),
    decimal: DecimalMarkSchema.optional(),
    encoding: TextEncodingSchema.optional(),
    nullValues: z
      .array(z.string().max(50))
      .max(50)
      .optional()
      .meta({ description: `Values read as missing; default ${JSON.stringify(DEFAULT_NULL_VALUES)}` }),
    types: z
      .record(z.string(), LogicalTypeSchema.exclude(["other"]))
      .optional()
      .meta({ description: "Force column types, e.g. { zip: 'string' }" }),
    dateFormat: DateFormatSchema.optional(),
  })
  .meta({ id: "CsvOptions" });
export type CsvOptions = z.infer<typeof CsvOptionsSchema>;

export const FileFormatSchema = z.enum(["csv", "parquet", "jsonl"]);
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** Query-string options of an upload (the file itself is the body). */
export const UploadOptionsSchema = z.object({
  name: DatasetNameSchema.optional(),
  description: z.string().max(2000).optional(),
  format: FileFormatSchema.optional(),
  delimiter: z.string().min(1).max(2).optional(),
  decimal: DecimalMarkSchema.optional(),
  encoding: TextEncodingSchema.optional(),
  header: z.enum(["true", "false"]).optional(),
  nullValues: z.string().max(2000).optional().meta({ description: 'Values read as missing: a JSON array such as ["NA", "-"]' }),
  types: z.string().optional().meta({ description: "JSON object of column → type" }),
  dateFormat: DateFormatSchema.optional(),
  complete: z.enum(["true", "false"]).optional().meta({ description: "Preview only: the body is the whole file, not its start" }),
  mode: z.enum(["replace", "append"]).optional().meta({
    description:
      "New versions only. replace (default): the file is the whole new version. append: the new version is the latest one plus the file's rows, which must have the same columns",
  }),
});

export const RegisterPathRequestSchema = z
  .object({
    name: DatasetNameSchema,
    description: z.string().max(2000).optional(),
    path: z.string().min(1),
    format: FileFormatSchema.optional(),
    csv: CsvOptionsSchema.optional(),
  })
  .meta({ id: "RegisterPathRequest" });

// ─── Filters and derived datasets ───────────────────────────────────────────────────────────────

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const PredicateSchema = z
  .discriminatedUnion("op", [
    z.object({ column: z.string().min(1), op: z.enum(["=", "!=", "<", "<=", ">", ">="]), value: Scalar }),
    z.object({ column: z.string().min(1), op: z.enum(["in", "not in"]), values: z.array(Scalar).min(1) }),
    z.object({ column: z.string().min(1), op: z.enum(["is null", "is not null"]) }),
    z.object({
      column: z.string().min(1),
      op: z.literal("between"),
      from: Scalar.meta({ description: "inclusive" }),
      to: Scalar.meta({ description: "exclusive: [from, to) so date ranges tile without overlap" }),
    }),
  ])
  .meta({ id: "Predicate" });
export type Predicate = z.infer<typeof PredicateSchema>;

export const JoinSchema = z.object({
  versionId: z.uuid(),
  type: z.enum(["inner", "left"]).default("inner"),
  on: z
    .array(z.object({ left: z.string().min(1), right: z.string().min(1) }))
    .min(1, { error: "Join on at least one pair of key columns" }),
});

export const DeriveDefinitionSchema = z
  .object({
    base: z.uuid().meta({ description: "The dataset version to start from" }),
    joins: z.array(JoinSchema).default([]),
    filters: z.array(PredicateSchema).default([]),
    select: z.array(z.string().min(1)).optional().meta({ description: "Columns to keep (all when omitted)" }),
  })
  .meta({ id: "DeriveDefinition" });
export type DeriveDefinition = z.infer<typeof DeriveDefinitionSchema>;

export const CreateDerivedDatasetRequestSchema = z
  .object({
    name: DatasetNameSchema,
    description: z.string().max(2000).optional(),
    definition: DeriveDefinitionSchema,
  })
  .meta({ id: "CreateDerivedDatasetRequest" });

export const DerivePreviewSchema = z
  .object({
    rowCount: z.number().int(),
    columns: z.array(ColumnSchemaSchema),
    rows: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: "DerivePreview" });
export type DerivePreview = z.infer<typeof DerivePreviewSchema>;

// ─── Read models ────────────────────────────────────────────────────────────────────────────────

/** How a scored version was made: kept in the version's definition column. */
export const ScoringProvenanceSchema = z.object({
  kind: z.literal("score"),
  model: z.string(),
  version: z.number().int(),
  modelVersionId: z.uuid(),
  modelSha256: z.string(),
  jobId: z.uuid(),
  idColumns: z.array(z.string()),
});
export type ScoringProvenance = z.infer<typeof ScoringProvenanceSchema>;

export const DatasetVersionSchema = z
  .object({
    id: z.uuid(),
    datasetId: z.uuid(),
    datasetName: z.string(),
    version: z.number().int(),
    contentHash: z.string(),
    sourceKind: z.enum(["upload", "path", "derived", "demo", "append", "scored"]),
    sourceName: z.string().nullable(),
    /** The uploaded file's own hash when the content hash covers more (an append: previous rows + this file). */
    sourceSha256: z.string().nullable(),
    rowCount: z.number().int(),
    byteSize: z.number().int(),
    schema: z.array(ColumnSchemaSchema),
    profile: DatasetProfileSchema.nullable(),
    definition: DeriveDefinitionSchema.nullable(),
    scoring: ScoringProvenanceSchema.nullable().meta({
      description: "For scores (sourceKind scored): the model version and job that made them",
    }),
    parents: z.array(z.object({ id: z.uuid(), datasetName: z.string(), version: z.number().int(), contentHash: z.string() })),
    warnings: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "DatasetVersion" });
export type DatasetVersionDto = z.infer<typeof DatasetVersionSchema>;

export const DatasetSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    versionCount: z.number().int(),
    latest: z
      .object({
        id: z.uuid(),
        version: z.number().int(),
        rowCount: z.number().int(),
        byteSize: z.number().int(),
        createdAt: z.iso.datetime(),
      })
      .nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "DatasetSummary" });
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

export const DatasetListQuerySchema = z.object({
  q: z.string().optional(),
  sort: z.enum(["name", "updated", "rows", "size"]).default("updated"),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export const IngestResultSchema = z
  .object({ created: z.boolean(), message: z.string(), version: DatasetVersionSchema })
  .meta({ id: "IngestResult" });
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const PreviewQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.string().optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
});

export const PreviewSchema = z
  .object({
    offset: z.number().int(),
    limit: z.number().int(),
    rowCount: z.number().int(),
    columns: z.array(ColumnSchemaSchema),
    rows: z.array(z.record(z.string(), z.unknown())),
    millis: z.number(),
  })
  .meta({ id: "Preview" });
export type Preview = z.infer<typeof PreviewSchema>;

// ─── Splits (used by feature matrices and, later, training specs) ────────────────────────────────

const DateBound = z.string().min(1).meta({ description: "ISO date or timestamp" });

export const HoldoutSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("random"),
      fraction: z.number().gt(0, { error: "The holdout cannot be empty" }).lt(1, { error: "Leave some rows to train on" }),
      seed: z.number().int().default(42),
      stratify: z.boolean().default(false),
    }),
    z.object({
      kind: z.literal("dateRange"),
      column: z.string().min(1),
      train: z.object({ from: DateBound, to: DateBound }),
      holdout: z.object({ from: DateBound, to: DateBound }),
    }),
  ])
  .meta({ id: "Holdout" });
export type Holdout = z.infer<typeof HoldoutSchema>;

/** An upload as it would be read, before anything is stored (POST /datasets/preview-file). */
export const FilePreviewSchema = z
  .object({
    format: FileFormatSchema,
    columns: z.array(z.object({ name: z.string(), type: LogicalTypeSchema })),
    rows: z.array(z.record(z.string(), z.string().nullable())).meta({ description: "The first rows, values as text" }),
  })
  .meta({ id: "FilePreview" });
export type FilePreview = z.infer<typeof FilePreviewSchema>;

export const DatasetDetailSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    createdAt: z.iso.datetime(),
    versions: z.array(DatasetVersionSchema),
  })
  .meta({ id: "DatasetDetail" });
export type DatasetDetail = z.infer<typeof DatasetDetailSchema>;

export const DatasetListSchema = z.object({ items: z.array(DatasetSummarySchema) });

/** ?dryRun=true answers the result's row count, schema and first rows without saving anything. */
export const DeriveQuerySchema = z.object({ dryRun: z.enum(["true", "false"]).default("false") });
export const DeriveDryRunRequestSchema = z.object({ definition: DeriveDefinitionSchema });
export const DeriveRequestSchema = z
  .object({ name: DatasetNameSchema.optional(), description: z.string().max(2000).optional(), definition: DeriveDefinitionSchema })
  .meta({ description: "name is required unless ?dryRun=true" });

export const DaysQuerySchema = z.object({ column: z.string().min(1) });
export const DaysSchema = z.object({ column: z.string(), days: z.array(z.object({ day: z.string(), rows: z.number().int() })) });

export const LabelAssociationsQuerySchema = z.object({ label: z.string().min(1) });
export const LabelAssociationsSchema = z.object({
  label: z.string(),
  columns: z.array(z.object({ column: z.string(), correlation: z.number().nullable(), auc: z.number().nullable() })),
});
