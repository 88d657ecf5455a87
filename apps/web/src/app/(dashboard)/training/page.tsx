import { Sparkles } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Training" };

export default function TrainingPage() {
  return (
    <>
      <PageHeader
        title="Training"
        description="Configure a training job step by step; the wizard writes the same JSON spec the API takes."
      />
      <EmptyState icon={Sparkles} title="The training wizard is on its way">
        Pick a dataset, a label and features, a holdout, and a model: the wizard will write the TrainingSpec and submit it as a job. Until
        then, jobs can be submitted to the API.
      </EmptyState>
    </>
  );
}
