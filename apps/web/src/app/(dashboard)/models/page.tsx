import { Boxes } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" description="Registered models, their versions, and which version holds staging and production." />
      <EmptyState icon={Boxes} title="No registered models yet">
        Register a model version from a successful run. Promotions to staging or production need a second person's approval, and every
        prediction is logged.
      </EmptyState>
    </>
  );
}
