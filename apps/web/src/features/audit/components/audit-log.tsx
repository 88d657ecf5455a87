"use client";

import type { AuditChainReport } from "@roundhouse/contracts";
import { ScrollText, ShieldAlert, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useAuditEvents } from "../hooks/use-audit-events";
import { useVerifyAuditChain } from "../hooks/use-verify-audit-chain";

export function AuditLog({ canVerify }: { canVerify: boolean }) {
  const events = useAuditEvents({});
  const verify = useVerifyAuditChain();
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      {canVerify && (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" size="sm" onClick={() => verify.mutate()} disabled={verify.isPending}>
            <ShieldCheck aria-hidden className="size-4" />
            {verify.isPending ? "Verifying…" : "Verify hash chain"}
          </Button>
          {verify.data && (
            <span role="status" className={verify.data.ok ? "text-sm text-success" : "text-sm text-danger"}>
              {verify.data.ok ? (
                intactSummary(verify.data)
              ) : (
                <span className="inline-flex items-center gap-1">
                  <ShieldAlert aria-hidden className="size-4" /> {brokenSummary(verify.data)}
                </span>
              )}
            </span>
          )}
          {verify.error && <span className="text-sm text-danger">{verify.error.message}</span>}
        </div>
      )}
      {events.isPending ? (
        <div className="flex flex-col gap-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : events.isError ? (
        <p className="text-sm text-danger">Could not load the audit log: {events.error.message}</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No audit events yet">
          Every change (sign-ins, tokens, datasets, jobs, promotions) is recorded here with who made it and when.
        </EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>#</Th>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Entity</Th>
                <Th>Hash</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <Td className="tabular-nums text-muted">{e.seq}</Td>
                  <Td className="whitespace-nowrap">{new Date(e.at).toLocaleString()}</Td>
                  <Td>{e.actorLabel}</Td>
                  <Td>
                    <Badge tone={e.action.endsWith("failed") ? "danger" : "neutral"}>{e.action}</Badge>
                  </Td>
                  <Td className="font-mono text-xs">
                    {e.entityType}/{e.entityId.slice(0, 8)}
                  </Td>
                  <Td className="font-mono text-xs text-muted" title={e.hash}>
                    {e.hash.slice(0, 12)}…
                  </Td>
                </tr>
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

function intactSummary(r: AuditChainReport): string {
  const decisions = r.decisions
    ? ` ${r.decisions.decisions.toLocaleString()} decisions in ${r.decisions.batches.toLocaleString()} hashed batches.`
    : "";
  const latest = r.checkpoints?.latest;
  const signed = r.checkpoints
    ? ` ${r.checkpoints.checked} signed checkpoint${r.checkpoints.checked === 1 ? "" : "s"} verified${latest ? ` (latest ${new Date(latest.at).toLocaleString()}, event #${latest.auditSeq})` : ""}.`
    : "";
  return `Intact: ${r.checked.toLocaleString()} events checked.${decisions}${signed}`;
}

function brokenSummary(r: AuditChainReport): string {
  if (r.firstBroken) return `Broken at event #${r.firstBroken.seq}: ${r.firstBroken.reason}`;
  if (r.decisions?.firstBroken)
    return `Decision log broken at batch #${r.decisions.firstBroken.batchSeq}: ${r.decisions.firstBroken.reason}`;
  return `A signed checkpoint (${r.checkpoints?.firstBroken?.checkpointAt}) is contradicted: ${r.checkpoints?.firstBroken?.reason}`;
}
