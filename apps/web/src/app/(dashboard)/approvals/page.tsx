import { can } from "@roundhouse/contracts";
import { BadgeCheck } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageUser } from "@/features/auth/server/caller";
import { PromotionsList } from "@/features/promotions/components/promotions-list";
import { listPromotions } from "@/features/promotions/server/promotions";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePageUser();
  const [pending, recent] = await Promise.all([listPromotions("pending"), listPromotions("all")]);
  const yours = pending.filter((p) => p.requesterId !== user.id);
  const mine = pending.filter((p) => p.requesterId === user.id);
  const decided = recent.filter((p) => p.status !== "pending").slice(0, 20);
  const approver = can(user.role, "models:approve");
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Promotion requests: a version asks to take an alias; someone other than the requester approves or rejects it."
      />
      {approver &&
        (yours.length ? (
          <Panel title={`Waiting for your decision (${yours.length})`}>
            <PromotionsList requests={yours} showModel />
          </Panel>
        ) : (
          <EmptyState icon={BadgeCheck} title="Nothing waits for your decision">
            When an engineer requests a promotion, it appears here with its champion/challenger comparison.
          </EmptyState>
        ))}
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel title={approver ? "Your own requests (someone else decides)" : "Your requests"}>
          <PromotionsList requests={approver ? mine : pending.filter((p) => p.requesterId === user.id)} showModel />
        </Panel>
        <Panel title="Recently decided">
          <PromotionsList requests={decided} showModel />
        </Panel>
      </div>
    </>
  );
}
