import { db, fleetStatus } from "@roundhouse/db";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { FleetView } from "@/features/workers/components/fleet-view";

export const metadata: Metadata = { title: "Workers" };
export const dynamic = "force-dynamic";

export default async function WorkersPage() {
  await requirePageUser();
  const fleet = await fleetStatus(db());
  return (
    <>
      <PageHeader
        title="Workers"
        description="The hosts that run training jobs, as their heartbeats report them (every 5 s), and each pool's queue."
      />
      <FleetView initial={fleet} />
    </>
  );
}
