import { Boxes } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" description="Registered models, their versions, and which version holds staging and production." />
      <EmptyState icon={Boxes} title="The model registry's pages are on their way">
        Every successful training job already records a version of the model it is named after (see the Jobs page). Here you will promote a
        version to staging or production with a second person's approval, and see every prediction it makes.
      </EmptyState>
    </>
  );
}
