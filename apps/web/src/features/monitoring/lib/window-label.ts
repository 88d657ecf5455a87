/** A window's start as the chart's x axis says it: the hour, or the day, in the reader's time zone. */
export function windowLabel(iso: string, window: "hour" | "day"): string {
  const d = new Date(iso);
  return window === "day"
    ? d.toLocaleDateString(undefined, { month: "short", day: "numeric" })
    : d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

const MEASURE_LABEL = { psi: "PSI", missing_rate: "missing rate", unseen_rate: "unseen categories" } as const;
export const measureLabel = (m: keyof typeof MEASURE_LABEL) => MEASURE_LABEL[m];
