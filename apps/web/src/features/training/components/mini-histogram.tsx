import type { ColumnProfile } from "@roundhouse/contracts";

/** A 24 px sparkline of a column's distribution: plain SVG, cheap enough for a hundred rows. */
export function MiniHistogram({ column }: { column: ColumnProfile }) {
  const counts = column.histogram?.map((b) => b.count) ?? column.topValues?.slice(0, 8).map((t) => t.count) ?? [];
  if (!counts.length) return <span className="inline-block h-6 w-20" />;
  const max = Math.max(...counts, 1);
  const w = 80 / counts.length;
  return (
    <svg width="80" height="24" role="img" aria-label={`distribution of ${column.name}`} className="shrink-0">
      {counts.map((c, i) => (
        <rect
          key={i}
          x={i * w}
          y={24 - (c / max) * 24}
          width={Math.max(1, w - 1)}
          height={(c / max) * 24}
          fill="var(--accent)"
          opacity={0.8}
        />
      ))}
    </svg>
  );
}
