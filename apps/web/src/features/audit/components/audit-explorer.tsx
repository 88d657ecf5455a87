"use client";

import { Download, History, ScrollText, X } from "lucide-react";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Th } from "@/components/ui/table";
import { useUrlState } from "@/lib/use-url-state";
import { type AuditPage, useAuditEvents } from "../hooks/use-audit-events";
import { auditFilterOf, auditSearchParams } from "../lib/audit-filter";
import { AuditEventRow } from "./audit-event-row";
import { AuditFilters } from "./audit-filters";
import { ChainVerify } from "./chain-verify";

/**
 * The audit trail as an explorer: filters and search in the URL, rows that open to show what
 * changed and why, an entity's history, older events by cursor, and the filtered view as a file.
 */
export function AuditExplorer({
  canVerify,
  actors,
  initial,
  initialSearch,
}: {
  canVerify: boolean;
  actors: string[];
  initial?: AuditPage;
  initialSearch: string;
}) {
  const { query, search, set, clear } = useUrlState();
  const filter = auditFilterOf(query);
  // The server drew the first page for the address it was asked; opening rows does not change it.
  const sameFilter = (a: string) => JSON.stringify(auditFilterOf(Object.fromEntries(new URLSearchParams(a))));
  const events = useAuditEvents(filter, sameFilter(search) === sameFilter(initialSearch) ? initial : undefined);
  // Opened rows are in the URL too, so a link can point at one event with its details showing.
  const open = new Set((query.open ?? "").split(",").filter(Boolean));
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const subject = events.data?.pages[0]?.subject ?? null;
  const filtered = Object.keys(filter).length > 0;
  const toggle = (seq: string) => {
    const next = new Set(open);
    if (!next.delete(seq)) next.add(seq);
    set({ open: [...next].join(",") });
  };
  const exportHref = (format: string) => `/api/v1/audit-events/export?${auditSearchParams(filter, { format })}`;

  return (
    <div className="flex flex-col gap-4">
      {canVerify && <ChainVerify />}
      <AuditFilters query={query} set={set} actors={actors} />
      {subject && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-surface px-4 py-3 text-sm">
          <History aria-hidden className="size-4 text-muted" />
          <span>
            History of{" "}
            {subject.href ? (
              <Link href={subject.href} className="font-medium text-accent-strong hover:underline">
                {subject.label ?? subject.entityId}
              </Link>
            ) : (
              <span className="font-medium">{subject.label ?? `${subject.entityType}/${subject.entityId}`}</span>
            )}
          </span>
          <label className="flex items-center gap-2 text-muted">
            <input
              type="checkbox"
              checked={query.related === "true"}
              onChange={(e) => set({ related: e.target.checked ? "true" : undefined })}
            />
            with what belongs to it (training job, promotion requests, alias moves)
          </label>
          <Button size="sm" variant="ghost" onClick={() => set({ entityType: undefined, entityId: undefined, related: undefined })}>
            <X aria-hidden className="size-4" /> Whole trail
          </Button>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted" aria-live="polite">
          {events.isPending ? "Loading…" : countLine(rows.length, events.hasNextPage, filtered)}
        </span>
        {filtered && (
          <Button size="sm" variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        )}
        {canVerify && (
          <span className="ml-auto flex gap-2">
            <a className={buttonClass({ variant: "secondary", size: "sm" })} href={exportHref("csv")} download>
              <Download aria-hidden className="size-4" /> Export CSV
            </a>
            <a className={buttonClass({ variant: "secondary", size: "sm" })} href={exportHref("jsonl")} download>
              <Download aria-hidden className="size-4" /> Export JSON Lines
            </a>
          </span>
        )}
      </div>
      {events.isPending ? (
        <div className="flex flex-col gap-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : events.isError ? (
        <p className="text-sm text-danger">Could not load the audit log: {events.error.message}</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={ScrollText} title={filtered ? "No events match these filters" : "No audit events yet"}>
          {filtered
            ? "Try another actor, action or time range."
            : "Every change (sign-ins, tokens, datasets, jobs, promotions) is recorded here with who made it and when."}
        </EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Entity</Th>
                <Th className="text-right">#</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <AuditEventRow key={e.seq} event={e} open={open.has(e.seq)} onToggle={() => toggle(e.seq)} />
              ))}
            </tbody>
          </Table>
          {events.hasNextPage && (
            <Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage} className="self-center">
              {events.isFetchingNextPage ? "Loading…" : "Load older events"}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function countLine(n: number, more: boolean, filtered: boolean): string {
  const events = `${n.toLocaleString()} ${more ? "newest " : ""}event${n === 1 ? "" : "s"}`;
  return `Showing ${events}${filtered ? (n === 1 ? " that matches" : " that match") : ""}${more ? "; older ones below" : ""}`;
}
