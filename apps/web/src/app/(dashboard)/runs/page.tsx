import { can } from "@roundhouse/contracts";
import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { RunsPicker } from "@/features/runs/components/runs-picker";
import { listFinishedRuns } from "@/features/runs/server/runs";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<{ select?: string }> }) {
  const user = await requirePageUser();
  const { select } = await searchParams;
  const runs = await listFinishedRuns();
  return (
    <>
      <PageHeader title="Runs" description="Finished training runs with their holdout metrics. Pick 2 to 20 to compare on charts." />
      {runs.length ? (
        <RunsPicker runs={runs} preselected={select ? select.split(",").filter((id) => runs.some((r) => r.id === id)) : []} />
      ) : (
        <EmptyState
          icon={BarChart3}
          title="No finished runs yet"
          action={can(user.role, "jobs:submit") ? <ButtonLink href="/training/new">New training job</ButtonLink> : undefined}
        >
          Each successful training job leaves a run with its metrics, curves and feature importances. Train two to compare them here.
        </EmptyState>
      )}
    </>
  );
}
