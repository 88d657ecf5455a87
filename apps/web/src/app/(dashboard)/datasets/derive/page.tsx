import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { DeriveBuilder } from "@/features/datasets/components/derive-builder";

export const metadata: Metadata = { title: "Join or filter" };

export default async function DerivePage() {
  await requirePageUser();
  return (
    <>
      <PageHeader
        title="Join or filter"
        description="Combine dataset versions into a new dataset. It records its exact parents and this definition, so the same definition on the same parents gives the same content hash."
      />
      <Suspense>
        <DeriveBuilder />
      </Suspense>
    </>
  );
}
