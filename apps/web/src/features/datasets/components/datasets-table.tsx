"use client";

import { Database, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useDatasets } from "../hooks/use-datasets";
import { formatBytes, formatCount } from "../lib/format";

const SORTS = { updated: "Last updated", name: "Name", rows: "Rows", size: "Size" } as const;

/** Search and sort live in the URL, so a filtered list can be shared or reloaded. */
export function DatasetsTable() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const q = params.get("q") ?? "";
  const sort = params.get("sort") ?? "updated";
  const order = params.get("order") ?? (sort === "name" ? "asc" : "desc");
  const datasets = useDatasets({ q, sort, order });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next}`);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <label className="relative min-w-64 flex-1">
          <span className="sr-only">Search datasets</span>
          <Search aria-hidden className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted" />
          <input
            type="search"
            defaultValue={q}
            placeholder="Search by name or description"
            onChange={(e) => set("q", e.target.value)}
            className="h-10 w-full rounded-md border border-border bg-surface pr-3 pl-9 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 text-sm text-muted">
          Sort by
          <select
            value={sort}
            onChange={(e) => set("sort", e.target.value)}
            className="h-10 rounded-md border border-border bg-surface px-2 text-sm text-text"
          >
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="h-10 rounded-md border border-border bg-surface px-3 text-sm"
          onClick={() => set("order", order === "asc" ? "desc" : "asc")}
        >
          {order === "asc" ? "Ascending ↑" : "Descending ↓"}
        </button>
      </div>
      {datasets.isPending ? (
        <div className="flex flex-col gap-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-10" />
          ))}
        </div>
      ) : datasets.isError ? (
        <p className="text-sm text-danger">Could not load datasets: {datasets.error.message}</p>
      ) : datasets.data.items.length === 0 ? (
        <EmptyState icon={Database} title={q ? `No datasets match “${q}”` : "No datasets yet"}>
          {q
            ? "Try another search."
            : "Upload a CSV, Parquet or JSON Lines file; each upload becomes an immutable version with a content hash, schema and column profiles."}
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th className="text-right">Rows</Th>
              <Th className="text-right">Size</Th>
              <Th>Latest</Th>
              <Th>Owner</Th>
              <Th>Updated</Th>
            </tr>
          </thead>
          <tbody>
            {datasets.data.items.map((d) => (
              <tr key={d.id}>
                <Td>
                  <Link href={`/datasets/${d.id}`} className="font-medium text-accent-strong hover:underline">
                    {d.name}
                  </Link>
                  {d.description && <div className="line-clamp-1 max-w-md text-xs text-muted">{d.description}</div>}
                </Td>
                <Td className="text-right tabular-nums">{d.latest ? formatCount(d.latest.rowCount) : "–"}</Td>
                <Td className="text-right tabular-nums">{d.latest ? formatBytes(d.latest.byteSize) : "–"}</Td>
                <Td>
                  v{d.latest?.version ?? 0} <span className="text-xs text-muted">of {d.versionCount}</span>
                </Td>
                <Td className="text-muted">{d.owner}</Td>
                <Td className="whitespace-nowrap text-muted">{new Date(d.updatedAt).toLocaleString()}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
