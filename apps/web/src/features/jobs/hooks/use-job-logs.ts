"use client";

import type { JobLog } from "@roundhouse/contracts";
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/api-client";

type LogLine = JobLog["lines"][number];

/** Follows a job's log: polls with the last line's id while the job is live, then once more. */
export function useJobLogs(id: string, live: boolean) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const next = useRef(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        for (;;) {
          const page = await api<JobLog>(`/api/v1/jobs/${id}/logs?after=${next.current}&limit=500`);
          if (stopped) return;
          next.current = page.next;
          if (page.lines.length) setLines((l) => [...l, ...page.lines].slice(-2000));
          if (page.lines.length < 500) break;
        }
      } catch {
        // A failed poll is retried on the next tick.
      }
      if (live && !stopped) timer = setTimeout(poll, 1500);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, live]);
  return lines;
}
