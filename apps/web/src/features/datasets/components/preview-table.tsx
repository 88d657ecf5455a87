"use client";

import type { DatasetVersionDto } from "@roundhouse/contracts";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { usePreview } from "../hooks/use-preview";
import { formatCount } from "../lib/format";

const PAGE = 50;

export function PreviewTable({ version }: { version: DatasetVersionDto }) {
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<{ column?: string; order: "asc" | "desc" }>({ order: "asc" });
  const preview = usePreview(version.id, { offset, limit: PAGE, sort: sort.column, order: sort.order });
  const last = Math.max(0, Math.floor((version.rowCount - 1) / PAGE) * PAGE);
  const toggleSort = (column: string) => {
    setOffset(0);
    setSort((s) => (s.column === column ? { column, order: s.order === "asc" ? "desc" : "asc" } : { column, order: "asc" }));
  };

  return (
    <div className="flex flex-col gap-3" data-testid="preview-table">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <span>
          Rows {formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE, version.rowCount))} of {formatCount(version.rowCount)}
          {preview.data && <span className="ml-2 text-xs">({preview.data.millis} ms)</span>}
        </span>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={offset === 0} onClick={() => setOffset(0)}>
            First
          </Button>
          <Button size="sm" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </Button>
          <Button size="sm" variant="secondary" disabled={offset >= last} onClick={() => setOffset(offset + PAGE)}>
            Next
          </Button>
          <Button size="sm" variant="secondary" disabled={offset >= last} onClick={() => setOffset(last)}>
            Last
          </Button>
        </div>
      </div>
      {preview.isError && <p className="text-sm text-danger">{preview.error.message}</p>}
      <Table>
        <thead>
          <tr>
            {version.schema.map((s) => (
              <Th key={s.name} aria-sort={sort.column === s.name ? (sort.order === "asc" ? "ascending" : "descending") : undefined}>
                <button type="button" className="inline-flex items-center gap-1 uppercase" onClick={() => toggleSort(s.name)}>
                  {s.name}
                  {sort.column === s.name &&
                    (sort.order === "asc" ? <ArrowUp aria-hidden className="size-3" /> : <ArrowDown aria-hidden className="size-3" />)}
                </button>
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className={preview.isFetching ? "opacity-60" : undefined}>
          {preview.data?.rows.map((row, i) => (
            <tr key={offset + i}>
              {version.schema.map((s) => (
                <Td key={s.name} className="whitespace-nowrap font-mono text-xs">
                  {row[s.name] === null ? <span className="text-muted">null</span> : String(row[s.name])}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
