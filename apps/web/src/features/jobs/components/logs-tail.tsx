"use client";

import { useEffect, useRef } from "react";
import { useJobLogs } from "../hooks/use-job-logs";

/** The end of the job's log, following it while the job runs. */
export function LogsTail({ jobId, live }: { jobId: string; live: boolean }) {
  const lines = useJobLogs(jobId, live);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    // Stay pinned to the bottom unless the reader scrolled up.
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  });
  return (
    <pre
      ref={box}
      className="h-64 overflow-auto whitespace-pre-wrap break-words rounded-md bg-surface-muted p-3 font-mono text-xs leading-relaxed text-text"
    >
      {lines.length === 0 ? (
        <span className="text-muted">No log lines yet.</span>
      ) : (
        lines.map((l) => (
          <div key={l.id} className={l.level === "error" ? "text-danger" : l.level === "warn" ? "text-warning" : undefined}>
            <span className="text-muted">{new Date(l.at).toLocaleTimeString()} </span>
            {l.message}
          </div>
        ))
      )}
    </pre>
  );
}
