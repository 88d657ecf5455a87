import { can } from "@roundhouse/contracts";
import { Lock } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePageUser } from "@/features/auth/server/caller";
import { TrainingWizard } from "@/features/training/components/training-wizard";

export const metadata: Metadata = { title: "New training job" };

export default async function NewTrainingPage() {
  const user = await requirePageUser();
  // Refused before the first step, not after the sixth: the API would refuse the spec anyway.
  if (!can(user.role, "jobs:submit"))
    return (
      <>
        <PageHeader title="New training job" />
        <EmptyState icon={Lock} title="Training is for engineers and admins" action={<ButtonLink href="/jobs">See the jobs</ButtonLink>}>
          Your role ({user.role}) can read every job, run and model, but cannot submit training jobs. Ask an admin for the engineer role.
        </EmptyState>
      </>
    );
  return (
    <>
      <PageHeader title="New training job" description="Six steps that write a TrainingSpec, the same JSON the API and the CLI take." />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <TrainingWizard />
      </Suspense>
    </>
  );
}
