// How a training child talks to its worker: lines on stdout. A fit blocks the child's event loop
// for its whole length, so the child cannot write to the database while it trains; a write to a
// pipe is synchronous on Linux, so these lines leave at once and the worker (whose loop is free)
// records them at most once a second. Plain lines are the job's log (stderr lines at level error).
import { z } from "zod";

const PROGRESS = "ROUNDHOUSE_PROGRESS ";
const POINTS = "ROUNDHOUSE_POINTS ";
const OUTCOME = "ROUNDHOUSE_OUTCOME ";
const FAILURE = "ROUNDHOUSE_FAILURE ";
const SCORED = "ROUNDHOUSE_SCORED ";

export interface Progress {
  fraction: number;
  step: string;
  message: string;
}
export interface Point {
  name: string;
  iteration: number;
  value: number;
}

const OutcomeSchema = z.object({
  run: z.object({
    algorithm: z.string(),
    task: z.string(),
    params: z.unknown(),
    rowsTrain: z.number().int(),
    rowsHoldout: z.number().int(),
    metrics: z.record(z.string(), z.number()),
    evaluation: z.unknown(),
    importances: z.unknown(),
    workflowVersionId: z.uuid().nullable().optional(),
  }),
  artifact: z.object({ path: z.string(), byteSize: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  extraArtifacts: z
    .array(z.object({ kind: z.string(), path: z.string(), byteSize: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .optional(),
  modelVersion: z
    .object({
      modelName: z.string(),
      ownerId: z.string(),
      featureSchema: z.unknown(),
      datasetVersionIds: z.array(z.string()),
      description: z.string().optional(),
      trainingProfile: z.unknown().optional(),
    })
    .nullable(),
  stepTimings: z.array(z.object({ step: z.string(), startedAt: z.string(), millis: z.number() })),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** What a scoring job made: a version of its output dataset (already registered, by content hash). */
const ScoredSchema = z.object({
  datasetId: z.uuid(),
  datasetVersionId: z.uuid(),
  dataset: z.string(),
  version: z.number().int(),
  rows: z.number().int(),
  stepTimings: z.array(z.object({ step: z.string(), startedAt: z.string(), millis: z.number() })),
});
export type Scored = z.infer<typeof ScoredSchema>;

export type ChildLine =
  | { kind: "progress"; progress: Progress }
  | { kind: "points"; points: Point[] }
  | { kind: "outcome"; outcome: Outcome }
  | { kind: "scored"; scored: Scored }
  | { kind: "failure"; message: string; retry: boolean }
  | { kind: "log"; message: string };

/** One stdout line of the child, as the worker reads it. A malformed protocol line is kept as a log line. */
export function parseChildLine(line: string): ChildLine {
  try {
    if (line.startsWith(PROGRESS)) return { kind: "progress", progress: JSON.parse(line.slice(PROGRESS.length)) as Progress };
    if (line.startsWith(POINTS)) {
      const rows = JSON.parse(line.slice(POINTS.length)) as [string, number, number][];
      return { kind: "points", points: rows.map(([name, iteration, value]) => ({ name, iteration, value })) };
    }
    if (line.startsWith(OUTCOME)) return { kind: "outcome", outcome: OutcomeSchema.parse(JSON.parse(line.slice(OUTCOME.length))) };
    if (line.startsWith(SCORED)) return { kind: "scored", scored: ScoredSchema.parse(JSON.parse(line.slice(SCORED.length))) };
    if (line.startsWith(FAILURE)) {
      const { message, retry } = JSON.parse(line.slice(FAILURE.length)) as { message: string; retry?: boolean };
      return { kind: "failure", message, retry: retry === true };
    }
  } catch (err) {
    const why = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (err as Error).message;
    // A result of the wrong shape is a bug of ours that every attempt would repeat (a null AUC once
    // failed three attempts with "ended without reporting a result"): the job fails at once, naming
    // the field. A line cut short (a process killed while writing) stays a log line, and the
    // attempt ends as a crash, retried.
    if (err instanceof z.ZodError && (line.startsWith(OUTCOME) || line.startsWith(SCORED)))
      return {
        kind: "failure",
        message: `The training process reported a result the worker cannot read (${why}); this is a bug in Roundhouse.`,
        retry: false,
      };
    return { kind: "log", message: `unreadable report from the training process (${why}): ${line.slice(0, 200)}` };
  }
  return { kind: "log", message: line };
}

/** The child's side: what it says while it trains, written synchronously. */
export const childSays = {
  log: (message: string) => process.stdout.write(`${message}\n`),
  progress: (p: Progress) => process.stdout.write(`${PROGRESS}${JSON.stringify(p)}\n`),
  points: (points: Point[]) =>
    points.length && process.stdout.write(`${POINTS}${JSON.stringify(points.map((p) => [p.name, p.iteration, p.value]))}\n`),
  outcome: (o: Outcome) => process.stdout.write(`${OUTCOME}${JSON.stringify(o)}\n`),
  scored: (s: Scored) => process.stdout.write(`${SCORED}${JSON.stringify(s)}\n`),
  /** `retry`: not the job's fault (the store or the database failed it, or a bug): another attempt may succeed. */
  failure: (message: string, retry = false) => process.stdout.write(`${FAILURE}${JSON.stringify({ message, retry })}\n`),
};
