"use client";

import type { ModelDetail } from "@roundhouse/contracts";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useRollback } from "../hooks/use-rollback";

/** Who holds each alias now; approvers and admins roll an alias back in one action. */
export function AliasesPanel({ model, canRollback }: { model: ModelDetail; canRollback: boolean }) {
  const [rollingBack, setRollingBack] = useState<string | null>(null);
  if (model.aliases.length === 0)
    return <p className="text-sm text-muted">No version holds an alias yet. Request a promotion from a version's row below.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="aliases">
      {model.aliases.map((a) => {
        const last = model.timeline.find((t) => t.alias === a.alias);
        return (
          <li key={a.alias} className="flex flex-wrap items-center gap-3 text-sm">
            <Badge tone={a.alias === "production" ? "success" : "accent"}>{a.alias}</Badge>
            <span className="font-medium">v{a.version}</span>
            <span className="text-muted">
              since <LocalTime iso={a.since} />
            </span>
            {canRollback && last?.previousVersion && (
              <Button size="sm" variant="secondary" onClick={() => setRollingBack(a.alias)}>
                Roll back to v{last.previousVersion}
              </Button>
            )}
          </li>
        );
      })}
      {rollingBack && <RollbackDialog model={model.name} alias={rollingBack} onClose={() => setRollingBack(null)} />}
    </ul>
  );
}

function RollbackDialog({ model, alias, onClose }: { model: string; alias: string; onClose: () => void }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const rollback = useRollback(model, alias);
  return (
    <Dialog open onClose={onClose} title={`Roll back ${alias}`}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          rollback.mutate(reason, {
            onSuccess: () => {
              onClose();
              router.refresh();
            },
          });
        }}
      >
        <p className="text-sm text-muted">The alias moves back to the version that held it before; servers switch within seconds.</p>
        <Field label="Reason" required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        {rollback.error && <p className="text-sm text-danger">{rollback.error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={rollback.isPending || reason.trim().length < 3}>
            Roll back
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
