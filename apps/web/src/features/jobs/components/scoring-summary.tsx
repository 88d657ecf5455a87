import type { JobDto, ScoringSpec } from "@roundhouse/contracts";
import Link from "next/link";

/** A scoring job's model, input and (once stored) the dataset version its scores became. */
export function ScoringSummary({ job, spec }: { job: JobDto; spec: ScoringSpec }) {
  const input = job.datasetVersions[0];
  const { score } = spec;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      <dt className="text-muted">Model</dt>
      <dd>
        <Link href={`/models/${encodeURIComponent(score.model)}`} className="text-accent hover:underline">
          {score.model} v{score.version}
        </Link>
      </dd>
      <dt className="text-muted">Input</dt>
      <dd>
        {input ? (
          <Link href={`/datasets/${input.datasetId}`} className="text-accent hover:underline">
            {input.datasetName} v{input.version}
          </Link>
        ) : (
          "–"
        )}
      </dd>
      <dt className="text-muted">Id columns</dt>
      <dd>{score.idColumns.length ? score.idColumns.join(", ") : "none"}</dd>
      <dt className="text-muted">Output</dt>
      <dd data-testid="scoring-output">
        {job.result ? (
          <>
            <Link href={`/datasets/${job.result.datasetId}`} className="text-accent hover:underline">
              {job.result.dataset} v{job.result.version}
            </Link>{" "}
            <span className="text-muted">· {job.result.rows.toLocaleString("en-US")} rows scored</span>
          </>
        ) : (
          <span className="text-muted">{score.output}, once the job succeeds</span>
        )}
      </dd>
    </dl>
  );
}
