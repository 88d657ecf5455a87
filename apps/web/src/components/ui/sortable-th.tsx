"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Th } from "./table";

/**
 * A column header that sorts: `sort` is the current order ("name", or "-name" for descending);
 * clicking the sorted column flips it, another column starts with `first`.
 */
export function SortableTh({
  column,
  sort,
  onSort,
  first = "asc",
  className,
  children,
}: {
  column: string;
  sort: string;
  onSort: (sort: string) => void;
  first?: "asc" | "desc";
  className?: string;
  children: ReactNode;
}) {
  const active = sort.replace(/^-/, "") === column;
  const descending = sort.startsWith("-");
  const next = active ? (descending ? column : `-${column}`) : first === "desc" ? `-${column}` : column;
  const Icon = !active ? ArrowUpDown : descending ? ArrowDown : ArrowUp;
  return (
    <Th aria-sort={active ? (descending ? "descending" : "ascending") : "none"} className={className}>
      <button
        type="button"
        onClick={() => onSort(next)}
        className={cn(
          "inline-flex items-center gap-1 uppercase tracking-wide hover:text-text focus-visible:outline-2 focus-visible:outline-ring",
          active && "text-text",
        )}
      >
        {children}
        <Icon aria-hidden className={cn("size-3", !active && "opacity-40")} />
      </button>
    </Th>
  );
}
