import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";

const TONE = { pending: "warning", approved: "success", rejected: "danger", withdrawn: "neutral" } as const;

export function PromotionStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}

export interface PromotionListItem {
  id: string;
  model?: string;
  version: number;
  alias: string;
  status: keyof typeof TONE;
  requester: string;
  decidedBy?: string | null;
  justification?: string;
  createdAt: string;
}

/** Requests newest first, each linking to its page with the comparison. */
export function PromotionsList({ requests, showModel = false }: { requests: PromotionListItem[]; showModel?: boolean }) {
  if (requests.length === 0) return <p className="text-sm text-muted">No promotion requests.</p>;
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="promotions">
      {requests.map((r) => (
        <li key={r.id} className="py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <PromotionStatusBadge status={r.status} />
            <Link href={`/approvals/${r.id}`} className="font-medium text-accent-strong hover:underline">
              {showModel ? `${r.model} ` : ""}v{r.version} → {r.alias}
            </Link>
            <span className="text-muted">
              by {r.requester}, <LocalTime iso={r.createdAt} />
              {r.decidedBy ? ` · decided by ${r.decidedBy}` : ""}
            </span>
          </div>
          {r.justification && <p className="mt-1 text-muted">“{r.justification}”</p>}
        </li>
      ))}
    </ul>
  );
}
