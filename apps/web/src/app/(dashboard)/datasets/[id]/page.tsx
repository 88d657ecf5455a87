import { can } from "@roundhouse/contracts";
import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageUser } from "@/features/auth/server/caller";
import { DatasetView } from "@/features/datasets/components/dataset-view";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requirePageUser()]);
  return (
    <Suspense>
      <DatasetView id={id} canWrite={can(user.role, "datasets:write")} />
    </Suspense>
  );
}
