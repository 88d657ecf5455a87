import type { JobDto } from "@roundhouse/contracts";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";

/** What the job was made from and what it made: dataset versions with hashes, artifact, spec. */
export function JobFacts({ job }: { job: JobDto }) {
  return (
    <div className="flex flex-col gap-3 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5">
        <dt className="text-muted">Owner</dt>
        <dd>{job.owner}</dd>
        <dt className="text-muted">Project</dt>
        <dd>{job.project}</dd>
        <dt className="text-muted">Submitted</dt>
        <dd>
          <LocalTime iso={job.createdAt} />
        </dd>
        {job.workerHost && (
          <>
            <dt className="text-muted">Host</dt>
            <dd>
              <Link href="/workers" className="font-mono text-xs hover:underline">
                {job.workerHost}
              </Link>
              {job.attempts > 1 && <span className="text-xs text-muted"> · attempt {job.attempts}</span>}
            </dd>
          </>
        )}
        {job.datasetVersions.map((v) => (
          <div key={v.id} className="contents">
            <dt className="text-muted">Dataset</dt>
            <dd>
              <Link href={`/datasets/${v.datasetId}`} className="text-accent hover:underline">
                {v.datasetName} v{v.version}
              </Link>{" "}
              <span className="font-mono text-xs text-muted">sha256 {v.contentHash.slice(0, 16)}…</span>
            </dd>
          </div>
        ))}
        {job.run?.artifactSha256 && (
          <>
            <dt className="text-muted">Model file</dt>
            <dd className="break-all font-mono text-xs">sha256 {job.run.artifactSha256}</dd>
          </>
        )}
        {job.run?.modelVersion && (
          <>
            <dt className="text-muted">Model version</dt>
            <dd>
              {job.run.modelVersion.model} v{job.run.modelVersion.version}
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary className="cursor-pointer text-muted">{job.kind === "score" ? "Scoring spec" : "Training spec"}</summary>
        <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-surface-muted p-3 font-mono text-xs">
          {JSON.stringify(job.spec, null, 2)}
        </pre>
      </details>
    </div>
  );
}
