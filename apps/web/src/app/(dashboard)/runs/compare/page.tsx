import { CompareQuerySchema, RoundhouseError, type RunDetail, thin } from "@roundhouse/contracts";
import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { CompareView } from "@/features/runs/components/compare-view";
import { getRuns } from "@/features/runs/server/runs";

// Only what the charts draw goes to the browser: thinned curves, no per-row residual samples.
function forCharts(run: RunDetail): RunDetail {
  const curves = run.evaluation?.curves;
  // Only the loss the page draws (validation, else train), thinned like the curves.
  const loss = run.series.valid_loss ? "valid_loss" : "train_loss";
  const series = run.series[loss];
  return {
    ...run,
    series: series ? { [loss]: thin(series) } : {},
    evaluation: run.evaluation && {
      ...run.evaluation,
      residuals: undefined,
      curves: curves && { ...curves, roc: thin(curves.roc), pr: thin(curves.pr) },
    },
  };
}

export const metadata: Metadata = { title: "Compare runs" };

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  await requirePageUser();
  const parsed = CompareQuerySchema.safeParse({ ids: (await searchParams).ids ?? "" });
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Pick 2 to 20 runs");
  const runs = parsed.success
    ? await getRuns(parsed.data.ids).catch((err) => {
        if (err instanceof RoundhouseError) return err.message;
        throw err;
      })
    : null;
  if (problem || typeof runs === "string" || !runs) {
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState icon={BarChart3} title="Nothing to compare" action={<ButtonLink href="/runs">Pick runs</ButtonLink>}>
          {problem ?? (typeof runs === "string" ? runs : "")}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Compare ${runs.length} runs`}
        description="The winner on the primary metric is named with its margin; the best value of every metric is highlighted. Everything you choose here is in the address: share it."
        actions={
          <ButtonLink variant="secondary" href={`/runs?select=${runs.map((r) => r.id).join(",")}`}>
            Change selection
          </ButtonLink>
        }
      />
      <CompareView runs={runs.map(forCharts)} />
    </>
  );
}
