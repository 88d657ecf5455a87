"use client";

import { type AuditEventView, auditActionLabel } from "@roundhouse/contracts";
import { ChevronRight, History } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Td } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { entityHistoryHref } from "../lib/audit-filter";
import { AuditChange } from "./audit-change";

const tone = (action: string) =>
  action.endsWith("failed") || action.endsWith("rejected")
    ? "danger"
    : action.endsWith("approved") || action.endsWith("succeeded")
      ? "success"
      : "neutral";

/** One event; expanded, it shows what changed, the request, the hashes and a link to the entity's history. */
export function AuditEventRow({ event: e, open, onToggle }: { event: AuditEventView; open: boolean; onToggle: () => void }) {
  const detailsId = `audit-${e.seq}`;
  return (
    <>
      <tr className={cn(open && "bg-surface-muted/50")}>
        <Td className="w-8 pr-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? "Hide" : "Show"} details of event #${e.seq}`}
            onClick={onToggle}
            className="rounded p-0.5 text-muted hover:text-text focus-visible:outline-2 focus-visible:outline-ring"
          >
            <ChevronRight aria-hidden className={cn("size-4 transition-transform", open && "rotate-90")} />
          </button>
        </Td>
        <Td className="whitespace-nowrap tabular-nums">
          <time dateTime={e.at} title={e.at}>
            {new Date(e.at).toLocaleString()}
          </time>
        </Td>
        <Td className="max-w-56 truncate" title={e.actorLabel}>
          {e.actorLabel}
        </Td>
        <Td>
          <Badge tone={tone(e.action)}>{auditActionLabel(e.action)}</Badge>
          <span className="ml-2 font-mono text-xs text-muted">{e.action}</span>
        </Td>
        <Td>
          {e.entityLabel && e.entityHref ? (
            <Link href={e.entityHref} className="text-accent-strong hover:underline">
              {e.entityLabel}
            </Link>
          ) : (
            <span className="font-mono text-xs" title={`${e.entityType}/${e.entityId}`}>
              {e.entityLabel ?? `${e.entityType}/${e.entityId.slice(0, 8)}`}
            </span>
          )}
        </Td>
        <Td className="tabular-nums text-right text-muted">{e.seq}</Td>
      </tr>
      {open && (
        <tr id={detailsId}>
          <td colSpan={6} className="border-b border-border bg-surface-muted/30 px-10 py-3">
            <div className="flex flex-col gap-3">
              <AuditChange before={e.before} after={e.after} />
              <div className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-muted">
                <span>
                  Entity{" "}
                  <span className="font-mono">
                    {e.entityType}/{e.entityId}
                  </span>
                </span>
                {e.requestId && (
                  <span>
                    Request <span className="font-mono">{e.requestId}</span>
                  </span>
                )}
                <span title="SHA-256 of this event, chained to the one before">
                  Hash <span className="font-mono">{e.hash.slice(0, 16)}…</span> (previous{" "}
                  <span className="font-mono">{e.prevHash.slice(0, 16)}…</span>)
                </span>
                <Link
                  href={entityHistoryHref(e.entityType, e.entityId)}
                  className="inline-flex items-center gap-1 text-accent-strong hover:underline"
                >
                  <History aria-hidden className="size-3.5" /> History of {e.entityLabel ?? "this entity"}
                </Link>
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
