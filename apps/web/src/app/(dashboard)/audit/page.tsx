import { AuditQuerySchema, can } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AuditExplorer } from "@/features/audit/components/audit-explorer";
import { listAuditEvents } from "@/features/audit/server/audit-events";
import { requirePageUser } from "@/features/auth/server/caller";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  // The first page is drawn on the server for the address asked (a million events answer in tens of
  // ms); filters that do not parse are left to the browser, which shows the API's error.
  const search = await searchParams;
  const query = AuditQuerySchema.safeParse({ ...search, limit: 50 });
  const initial = query.success ? JSON.parse(JSON.stringify(await listAuditEvents(query.data))) : undefined;
  // The actor filter suggests the people who can act; "system" and workers are typed or picked from a row.
  const users = await db().user.findMany({ select: { email: true }, orderBy: { email: "asc" } });
  return (
    <>
      <PageHeader
        title="Audit"
        description="An append-only, hash-chained record of every change: who did what, when and why, from a model's decision back to the data it learned from."
      />
      <AuditExplorer
        initial={initial}
        initialSearch={new URLSearchParams(search as Record<string, string>).toString()}
        canVerify={can(user.role, "audit:verify")}
        actors={["system", ...users.map((u) => u.email)]}
      />
    </>
  );
}
