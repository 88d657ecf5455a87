import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { JobsTable } from "@/features/jobs/components/jobs-table";
import { listJobs } from "@/features/jobs/server/jobs";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageUser();
  const { items, total } = await listJobs({ kind: "top", limit: 50, offset: 0 });
  return (
    <>
      <PageHeader
        title="Jobs"
        description={total ? `Training jobs, newest first (${total} in all).` : "Training jobs and their progress."}
      />
      {items.length ? (
        <JobsTable jobs={items} />
      ) : (
        <EmptyState icon={ListChecks} title="No training jobs yet">
          Submit a TrainingSpec to POST /api/v1/jobs or with `roundhouse jobs submit spec.json --watch`; jobs appear here with their status,
          algorithm, key metric and model version.
        </EmptyState>
      )}
    </>
  );
}
