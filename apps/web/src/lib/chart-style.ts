// One look for every Recharts chart in the dashboard: tooltips, axis ticks, and the runs' colours.
export const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12, color: "var(--text)" };
export const axisTick = { fontSize: 11, fill: "var(--text-muted)" };

// Distinct hues that read on both themes; runs beyond ten reuse them with a dash.
export const RUN_COLORS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#db2777", "#0891b2", "#ca8a04", "#4f46e5", "#dc2626", "#0d9488"];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length] as string;
export const runDash = (i: number) => (i >= RUN_COLORS.length ? "5 3" : undefined);
