import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Jobs" description="Training jobs and their live progress." />
      <EmptyState icon={ListChecks} title="No training jobs yet">
        Submitted jobs will appear here with their status, progress, dataset, algorithm and key metric, refreshing while any is running.
      </EmptyState>
    </>
  );
}
