import { can } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AuditExplorer } from "@/features/audit/components/audit-explorer";
import { requirePageUser } from "@/features/auth/server/caller";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requirePageUser();
  // The actor filter suggests the people who can act; "system" and workers are typed or picked from a row.
  const users = await db().user.findMany({ select: { email: true }, orderBy: { email: "asc" } });
  return (
    <>
      <PageHeader
        title="Audit"
        description="An append-only, hash-chained record of every change: who did what, when and why, from a model's decision back to the data it learned from."
      />
      <AuditExplorer canVerify={can(user.role, "audit:verify")} actors={["system", ...users.map((u) => u.email)]} />
    </>
  );
}
