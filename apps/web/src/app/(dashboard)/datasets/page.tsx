import { can } from "@roundhouse/contracts";
import { GitMerge } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { DatasetsTable } from "@/features/datasets/components/datasets-table";
import { UploadDialog } from "@/features/datasets/components/upload-dialog";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Versioned tables to train on: browse their columns and distributions, join and filter them."
        actions={
          can(user.role, "datasets:write") && (
            <>
              <Link
                href="/datasets/derive"
                className="inline-flex h-10 items-center gap-2 rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-muted"
              >
                <GitMerge aria-hidden className="size-4" /> Join or filter
              </Link>
              <UploadDialog />
            </>
          )
        }
      />
      <Suspense>
        <DatasetsTable />
      </Suspense>
    </>
  );
}
