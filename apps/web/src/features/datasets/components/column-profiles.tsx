"use client";

import type { DatasetVersionDto } from "@roundhouse/contracts";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatCount, formatNumber } from "../lib/format";
import { ColumnProfileChart } from "./column-profile-chart";

export function ColumnProfiles({ version }: { version: DatasetVersionDto }) {
  const profiles = new Map(version.profile?.columns.map((c) => [c.name, c]));
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {version.schema.map((s) => {
        const p = profiles.get(s.name);
        return (
          <Card key={s.name} className="flex flex-col gap-2 p-4" data-testid="column-profile">
            <div className="flex items-center justify-between gap-2">
              <h3 className="truncate font-mono text-sm font-semibold" title={s.name}>
                {s.name}
              </h3>
              <div className="flex gap-1">
                {p?.labelHint && <Badge tone="accent">{p.labelHint} label</Badge>}
                <Badge>{s.type}</Badge>
              </div>
            </div>
            {p && <ColumnProfileChart column={p} />}
            {p && (
              <dl className="grid grid-cols-3 gap-x-2 gap-y-1 text-xs">
                <Stat label="nulls" value={`${formatCount(p.nulls)} (${(p.nullFraction * 100).toFixed(1)}%)`} />
                <Stat label="distinct" value={`${p.distinctExact === false ? "≈" : ""}${formatCount(p.distinct)}`} />
                {p.mean !== null ? (
                  <Stat label="mean" value={formatNumber(p.mean)} />
                ) : (
                  <Stat label="type" value={s.storageType.toLowerCase()} />
                )}
                <Stat label="min" value={formatNumber(p.min)} />
                <Stat label="max" value={formatNumber(p.max)} />
                {p.std !== null ? <Stat label="std" value={formatNumber(p.std)} /> : <span />}
              </dl>
            )}
          </Card>
        );
      })}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-muted">{label}</dt>
      <dd className="truncate tabular-nums" title={value}>
        {value}
      </dd>
    </div>
  );
}
