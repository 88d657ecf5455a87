import { can, IdParamSchema } from "@roundhouse/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageUser } from "@/features/auth/server/caller";
import { ComparisonView } from "@/features/promotions/components/comparison-view";
import { PromotionStatusBadge } from "@/features/promotions/components/promotions-list";
import { ReviewForm } from "@/features/promotions/components/review-form";
import { getPromotion } from "@/features/promotions/server/promotions";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Promotion request" };

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!IdParamSchema.safeParse({ id }).success) notFound();
  const r = await orNotFound(getPromotion(id));
  const own = r.requesterId === user.id;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/approvals" className="text-muted hover:underline">
          ← Approvals
        </Link>
      </p>
      <PageHeader
        title={`${r.model} v${r.version} → ${r.alias}`}
        description={`Requested by ${r.requester}`}
        actions={<PromotionStatusBadge status={r.status} />}
      />
      <div className="flex flex-col gap-4">
        <Panel title="Justification">
          <p className="text-sm">“{r.justification}”</p>
          <p className="mt-2 text-xs text-muted">
            <LocalTime iso={r.createdAt} /> ·{" "}
            <Link href={`/models/${encodeURIComponent(r.model)}`} className="text-accent-strong hover:underline">
              model page
            </Link>
          </p>
        </Panel>
        <Panel title="Champion / challenger">
          {r.comparison ? (
            <ComparisonView comparison={r.comparison} alias={r.alias} />
          ) : (
            <p className="text-sm text-muted">No comparison.</p>
          )}
        </Panel>
        <Panel title="Review">
          {r.decision ? (
            <p className="text-sm" data-testid="review">
              <strong>{r.decision.decision}</strong> by {r.decision.by}
              {r.decidedAt && (
                <>
                  {" "}
                  on <LocalTime iso={r.decidedAt} />
                </>
              )}
              {r.decision.comment && <span className="text-muted"> — “{r.decision.comment}”</span>}
            </p>
          ) : own ? (
            <p className="text-sm text-muted">You requested this promotion; another approver has to decide it (four eyes).</p>
          ) : can(user.role, "models:approve") ? (
            <ReviewForm requestId={r.id} alias={r.alias} />
          ) : (
            <p className="text-sm text-muted">Waiting for an approver.</p>
          )}
        </Panel>
      </div>
    </>
  );
}
