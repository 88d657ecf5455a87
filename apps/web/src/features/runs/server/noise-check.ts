import "server-only";
// The compare page's "larger than noise?": both runs' models re-score their shared holdout (read
// again from its dataset version), and a paired bootstrap bounds the leader's margin. Runs never
// change, so a pair's answer is kept; up to 20,000 evenly spaced rows keep it to a few seconds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type NoiseCheck, NotFound, type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { loadTrainingMatrix } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { pairedBootstrap, type Task } from "@roundhouse/ml";
import { readModel, sampleRows, scoreOnHoldout } from "@roundhouse/retraining";

const MAX_ROWS = 20_000;
const recent = new Map<string, Promise<NoiseCheck>>();
const KEEP = 32;

export function checkNoise(a: string, b: string, metric: string): Promise<NoiseCheck> {
  const key = `${a}:${b}:${metric}`;
  const known = recent.get(key);
  if (known) return known;
  const work = check(a, b, metric);
  recent.set(key, work);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value as string);
  void work.catch(() => recent.delete(key));
  return work;
}

async function loadRun(id: string) {
  const run = await db().run.findUnique({
    where: { id },
    include: { artifacts: true, job: { select: { spec: true, datasets: { select: { datasetVersionId: true } } } } },
  });
  if (!run) throw new NotFound("Run", id);
  return run;
}

/** What fixes a spec's holdout rows: the data version, filters, label, task and split (not the features). */
function holdoutKey(spec: TrainingSpec, versions: string[], task: string): string {
  const { filters, label, holdout, dateColumn } = spec.data;
  return JSON.stringify({ versions: [...versions].sort(), filters, label, holdout, dateColumn, task });
}

async function check(aId: string, bId: string, metric: string): Promise<NoiseCheck> {
  const [a, b] = await Promise.all([loadRun(aId), loadRun(bId)]);
  const none = { metric, shared: false, difference: null, low: null, high: null, resamples: 0, rows: 0, larger: null };
  const specA = TrainingSpecSchema.parse(a.job.spec);
  const specB = TrainingSpecSchema.parse(b.job.spec);
  const versionsA = a.job.datasets.map((d) => d.datasetVersionId);
  if (
    holdoutKey(specA, versionsA, a.task) !==
    holdoutKey(
      specB,
      b.job.datasets.map((d) => d.datasetVersionId),
      b.task,
    )
  )
    return {
      ...none,
      reason:
        "These runs held out different rows (another dataset version, filter, label or split), so their margin cannot be tested on shared rows.",
    };
  const fileA = a.artifacts[0];
  const fileB = b.artifacts[0];
  if (!fileA || !fileB) return { ...none, shared: true, reason: "A run has no model file to re-score." };
  const docA = await readModel(fileA.path, fileA.sha256);
  const docB = await readModel(fileB.path, fileB.sha256);
  if (JSON.stringify(docA.label.classes ?? null) !== JSON.stringify(docB.label.classes ?? null))
    return { ...none, shared: true, reason: "The two models learned different lists of classes, so their predictions cannot be paired." };
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-noise-"));
  try {
    const features = [...new Set([...docA.features, ...docB.features].map((f) => f.name))];
    const versionId = versionsA[0];
    const { matrix } = await loadTrainingMatrix(
      db(),
      { ...specA, data: { ...specA.data, datasetVersionId: versionId } },
      { tmpDir, features },
    );
    const rows = sampleRows(matrix.holdout.rows, MAX_ROWS);
    const scoredA = await scoreOnHoldout(docA, matrix, rows);
    const scoredB = await scoreOnHoldout(docB, matrix, rows);
    const result = pairedBootstrap({
      task: a.task as Task,
      metric,
      y: scoredA.label,
      a: scoredA.predictions,
      b: scoredB.predictions,
      classes: docA.label.classes?.length ?? 2,
    });
    return { ...result, metric, shared: true, reason: null, larger: result.low > 0 || result.high < 0 };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
