import type { ModelDetail } from "@roundhouse/contracts";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";

/** Which version held which alias when, who moved it and why: newest first. */
export function AliasTimeline({ timeline }: { timeline: ModelDetail["timeline"] }) {
  if (timeline.length === 0) return <p className="text-sm text-muted">No alias has moved yet.</p>;
  return (
    <ol className="relative flex flex-col gap-4 border-l border-border pl-5" data-testid="alias-timeline">
      {timeline.map((t) => (
        <li key={t.id} className="text-sm">
          <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-surface bg-accent" aria-hidden />
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={t.action === "rollback" ? "warning" : "success"}>{t.action === "rollback" ? "rolled back" : "promoted"}</Badge>
            <span>
              <strong>{t.alias}</strong> → v{t.version}
              {t.previousVersion ? (
                <span className="text-muted"> (was v{t.previousVersion})</span>
              ) : (
                <span className="text-muted"> (first holder)</span>
              )}
            </span>
          </div>
          <p className="mt-1 text-muted">
            {t.actor} · <LocalTime iso={t.at} />
            {t.promotionRequestId && (
              <>
                {" · "}
                <Link href={`/approvals/${t.promotionRequestId}`} className="text-accent-strong hover:underline">
                  request
                </Link>
              </>
            )}
          </p>
          {t.reason && <p className="mt-1">“{t.reason}”</p>}
        </li>
      ))}
    </ol>
  );
}
