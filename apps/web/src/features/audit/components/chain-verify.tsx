"use client";

import type { AuditChainReport } from "@roundhouse/contracts";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useVerifyAuditChain } from "../hooks/use-verify-audit-chain";

/** Recomputes both hash chains and the signed checkpoints, and says what it found. */
export function ChainVerify() {
  const verify = useVerifyAuditChain();
  return (
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
