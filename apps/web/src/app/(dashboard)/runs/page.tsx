import { FlaskConical } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Fitted and evaluated models: compare their metrics, curves and parameters side by side." />
      <EmptyState icon={FlaskConical} title="Comparing runs is on its way">
        Each finished training job records a run with its holdout metrics, ROC and PR curves, and feature importances; the Jobs page lists
        them today. Here you will select two or more to compare them on charts.
      </EmptyState>
    </>
  );
}
