// One look for every Recharts chart in the dashboard: tooltips, axis ticks, and the runs' colours.
export const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12, color: "var(--text)" };
export const axisTick = { fontSize: 11, fill: "var(--text-muted)" };

// Distinct hues that read on both themes; runs beyond ten reuse them with a dash.
export const RUN_COLORS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#db2777", "#0891b2", "#ca8a04", "#4f46e5", "#dc2626", "#0d9488"];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length] as string;
export const runDash = (i: number) => (i >= RUN_COLORS.length ? "5 3" : undefined);

// Axis titles. The y title sits in its own strip left of the ticks (give the YAxis `Y_TITLE_WIDTH`
// more than its ticks need), so it never overlaps them; the x title needs a bottom margin of 16.
const titleStyle = { fontSize: 11, fill: "var(--text-muted)", textAnchor: "middle" } as const;
export const Y_TITLE_WIDTH = 16;
export const xTitle = (value: string) => ({ value, position: "insideBottom" as const, offset: -10, style: titleStyle });
export const yTitle = (value: string) => ({ value, angle: -90, position: "insideLeft" as const, offset: 10, style: titleStyle });
