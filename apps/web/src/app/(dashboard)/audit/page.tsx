import { can } from "@roundhouse/contracts";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLog } from "@/features/audit/components/audit-log";
import { requirePageUser } from "@/features/auth/server/caller";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader
        title="Audit"
        description="An append-only, hash-chained record of every change: from a model's decision back to the data it learned from."
      />
      <AuditLog canVerify={can(user.role, "audit:verify")} />
    </>
  );
}
