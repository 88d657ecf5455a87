import { Database } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Versioned tables to train on: browse their columns and distributions, join and filter them."
      />
      <EmptyState icon={Database} title="No datasets yet">
        Uploaded CSV, Parquet and JSON Lines files will appear here, each as immutable versions with a content hash, schema and column
        profiles.
      </EmptyState>
    </>
  );
}
