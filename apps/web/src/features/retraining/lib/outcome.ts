import type { RetrainingOutcome } from "@roundhouse/contracts";

/** How each outcome reads, and its badge tone. */
export const OUTCOME_LOOK: Record<RetrainingOutcome, { label: string; tone: "neutral" | "accent" | "success" | "warning" | "danger" }> = {
  running: { label: "training", tone: "accent" },
  evaluating: { label: "comparing", tone: "accent" },
  proposed: { label: "proposed", tone: "warning" },
  promoted: { label: "promoted", tone: "success" },
  not_better: { label: "not better", tone: "neutral" },
  failed: { label: "failed", tone: "danger" },
};

export const TRIGGER_LABEL = { schedule: "schedule", "new-data": "new data", drift: "drift alert", manual: "by hand" } as const;

export const isActive = (o: RetrainingOutcome) => o === "running" || o === "evaluating";
