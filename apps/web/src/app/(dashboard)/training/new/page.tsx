import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePageUser } from "@/features/auth/server/caller";
import { TrainingWizard } from "@/features/training/components/training-wizard";

export const metadata: Metadata = { title: "New training job" };

export default async function NewTrainingPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="New training job" description="Six steps that write a TrainingSpec, the same JSON the API and the CLI take." />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <TrainingWizard />
      </Suspense>
    </>
  );
}
