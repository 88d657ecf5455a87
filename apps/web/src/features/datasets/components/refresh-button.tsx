"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useRefreshDerived } from "../hooks/use-refresh-derived";

/** On a derived dataset: make its next version from the latest version of every parent. */
export function RefreshButton({ datasetId }: { datasetId: string }) {
  const refresh = useRefreshDerived(datasetId);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        onClick={() => refresh.mutate()}
        disabled={refresh.isPending}
        title="Run the definition on each parent's latest version"
      >
        <RefreshCw aria-hidden className={refresh.isPending ? "size-4 animate-spin" : "size-4"} />
        {refresh.isPending ? "Refreshing…" : "Refresh from parents"}
      </Button>
      {(refresh.data || refresh.error) && (
        <span role={refresh.error ? "alert" : "status"} className={refresh.error ? "text-xs text-danger" : "text-xs text-muted"}>
          {refresh.error ? refresh.error.message : refresh.data?.message}
        </span>
      )}
    </span>
  );
}
