// A batch scoring job, in the job's child process: the model version's file (checked against its
// SHA-256) over the input dataset version, streamed in chunks through the batch scorer, written as
// Parquet with the input's id columns, and registered as a version of the output dataset with
// lineage to the input version and the model version. The version is found by content hash, so an
// attempt killed after registering and run again answers the same version instead of a second one.
import path from "node:path";
import { type ColumnSchema, ScoringSpecSchema } from "@roundhouse/contracts";
import { registerScores, scoreParquet } from "@roundhouse/data";
import type { Db } from "@roundhouse/db";
import { readModel } from "@roundhouse/retraining";
import { predictStored } from "@roundhouse/serving";
import { localFileOf } from "@roundhouse/store";
import type { Scored } from "./child-protocol.ts";

type Timed = <T>(step: string, fn: () => Promise<T>) => Promise<T>;
interface Reporter {
  step(step: string, fraction: number, message: string): void;
  progress(step: string, fraction: number, message: string): void;
}

export async function runScoringJob(
  db: Db,
  job: { id: string; spec: unknown; ownerId: string; attempts: number },
  tmp: string,
  report: Reporter,
  timed: Timed,
): Promise<Omit<Scored, "stepTimings">> {
  const { score } = ScoringSpecSchema.parse(job.spec);
  report.step("load", 0.02, `attempt ${job.attempts}: ${score.model} v${score.version} over dataset version ${score.datasetVersionId}`);
  const { doc, input, file, owner } = await timed("load", async () => {
    const version = await db.modelVersion.findUniqueOrThrow({ where: { id: score.modelVersionId }, include: { artifact: true } });
    const input = await db.datasetVersion.findUniqueOrThrow({ where: { id: score.datasetVersionId } });
    const owner = await db.user.findUniqueOrThrow({ where: { id: job.ownerId }, select: { id: true, email: true } });
    return {
      doc: await readModel(version.artifact.path, version.artifactSha256),
      input,
      file: await localFileOf(input.storagePath),
      owner,
    };
  });
  const total = Number(input.rowCount);
  const out = path.join(tmp, "scores.parquet");
  report.step("score", 0.05, `scoring ${total.toLocaleString("en-US")} rows`);
  const { rows } = await timed("score", () =>
    scoreParquet({
      input: file,
      schema: input.schema as unknown as ColumnSchema[],
      features: doc.model.features,
      idColumns: score.idColumns,
      classes: doc.model.task === "regression" ? undefined : (doc.label.classes ?? ["0", "1"]),
      outputs: doc.model.outputs,
      predict: (columns, n) => predictStored(doc.model, columns, n),
      out,
      onProgress: (done, all) =>
        report.progress(
          "score",
          0.05 + 0.8 * (done / Math.max(1, all)),
          `scored ${done.toLocaleString("en-US")} of ${all.toLocaleString("en-US")} rows`,
        ),
    }),
  );
  report.step("register", 0.9, `storing ${rows.toLocaleString("en-US")} scored rows as a version of ${score.output}`);
  const made = await timed("register", () =>
    registerScores(
      db,
      { actor: { id: owner.id, label: `${owner.email} (scoring job ${job.id})` } },
      {
        name: score.output,
        parquet: out,
        input: { id: input.id, contentHash: input.contentHash },
        provenance: {
          kind: "score",
          model: score.model,
          version: score.version,
          modelVersionId: score.modelVersionId,
          modelSha256: doc.checksum,
          jobId: job.id,
          idColumns: score.idColumns,
        },
      },
    ),
  );
  return {
    datasetId: made.version.datasetId,
    datasetVersionId: made.version.id,
    dataset: score.output,
    version: made.version.version,
    rows,
  };
}
