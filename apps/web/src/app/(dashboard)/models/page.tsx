import { can } from "@roundhouse/contracts";
import { Boxes } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { ModelsTable } from "@/features/registry/components/models-table";
import { listModels } from "@/features/registry/server/registry";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const user = await requirePageUser();
  const models = await listModels();
  return (
    <>
      <PageHeader title="Models" description="Registered models, their versions, and which version holds staging and production." />
      {models.length === 0 ? (
        <EmptyState
          icon={Boxes}
          title="No models yet"
          action={can(user.role, "jobs:submit") ? <ButtonLink href="/training/new">New training job</ButtonLink> : undefined}
        >
          Every successful training job registers a version of the model it is named after. Train one, then promote it to staging or
          production with a second person's approval.
        </EmptyState>
      ) : (
        <ModelsTable models={models} />
      )}
    </>
  );
}
