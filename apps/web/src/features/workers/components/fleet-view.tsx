"use client";

import type { Fleet } from "@roundhouse/contracts";
import { Server } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, Td, Th } from "@/components/ui/table";
import { useFleet } from "../hooks/use-fleet";

const gib = (mb: number) => `${(mb / 1024).toFixed(mb < 10 * 1024 ? 1 : 0)} GiB`;

export function FleetView({ initial }: { initial: Fleet }) {
  const { data: fleet } = useFleet(initial);
  return (
    <div className="flex flex-col gap-4">
      {fleet.pools.length > 0 && (
        <section aria-label="Pools" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {fleet.pools.map((p) => (
            <Card key={p.pool} className="flex flex-col gap-2 p-4">
              <div className="flex items-baseline justify-between">
                <h2 className="font-mono text-sm font-semibold">{p.pool}</h2>
                <span className="text-xs text-muted">pool</span>
              </div>
              <dl className="grid grid-cols-3 gap-2 text-sm">
                <div>
                  <dt className="text-xs text-muted">Queued</dt>
                  <dd className={p.queued > 0 && p.slots === 0 ? "font-semibold text-danger" : "font-semibold"}>{p.queued}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted">Running</dt>
                  <dd className="font-semibold">{p.running}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted">Slots in use</dt>
                  <dd className="font-semibold tabular-nums">
                    {p.busy} / {p.slots}
                  </dd>
                </div>
              </dl>
              {p.queued > 0 && p.slots === 0 && (
                <p className="text-xs text-danger">No live worker serves this pool: its jobs wait until one does.</p>
              )}
            </Card>
          ))}
        </section>
      )}
      {fleet.workers.length === 0 ? (
        <EmptyState icon={Server} title="No worker has reported">
          Start one with <code className="font-mono">pnpm start</code> on this machine, or{" "}
          <code className="font-mono">roundhouse worker</code> on any host that reaches the database and the store.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Host</Th>
              <Th>State</Th>
              <Th>Slots in use</Th>
              <Th className="text-right">CPUs</Th>
              <Th className="text-right">Memory</Th>
              <Th>Pools</Th>
              <Th>Version</Th>
              <Th>Store</Th>
              <Th>Started</Th>
              <Th>Last heartbeat</Th>
            </tr>
          </thead>
          <tbody>
            {fleet.workers.map((w) => (
              <tr key={w.id} className={w.state === "silent" ? "opacity-70" : undefined}>
                <Td>
                  <div className="font-mono text-sm font-medium">{w.host}</div>
                  <div className="font-mono text-xs text-muted">pid {w.pid}</div>
                </Td>
                <Td>
                  <Badge tone={w.state === "live" ? "success" : "danger"}>{w.state}</Badge>
                </Td>
                <Td className="min-w-32">
                  <div className="text-sm tabular-nums">
                    {w.busy} / {w.slots}
                  </div>
                  <ProgressBar value={w.slots ? w.busy / w.slots : 0} label={`${w.host} slots in use`} />
                </Td>
                <Td className="text-right tabular-nums">{w.cpus}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{gib(w.memoryMb)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {w.pools.map((p) => (
                      <Badge key={p}>{p}</Badge>
                    ))}
                  </div>
                </Td>
                <Td className="font-mono text-xs">{w.version}</Td>
                <Td className="max-w-56 truncate font-mono text-xs text-muted" title={w.store}>
                  {w.store}
                </Td>
                <Td className="text-muted">
                  <LocalTime iso={w.startedAt} />
                </Td>
                <Td className="text-muted">
                  <LocalTime iso={w.heartbeatAt} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
