import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { DecisionsExplorer } from "@/features/decisions/components/decisions-explorer";

export const metadata: Metadata = { title: "Decisions" };

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser();
  const q = await searchParams;
  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every prediction a served model made: its input, output and reasons, and the model version, run and data behind it."
      />
      <DecisionsExplorer
        initial={{
          id: q.id ?? "",
          model: q.model ?? "",
          version: q.version ?? "",
          output: q.output ?? "",
          from: q.from ?? "",
          to: q.to ?? "",
          order: q.order === "oldest" ? "oldest" : "",
        }}
      />
    </>
  );
}
