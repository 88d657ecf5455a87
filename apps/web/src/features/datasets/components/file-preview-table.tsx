"use client";

import type { FilePreview, LogicalType } from "@roundhouse/contracts";
import { COLUMN_TYPES } from "../lib/upload-options";

/** The first rows as they would be read, with each column's type to keep or change. */
export function FilePreviewTable({
  preview,
  types,
  onType,
}: {
  preview: FilePreview;
  types: Record<string, string>;
  onType: (column: string, type: Exclude<LogicalType, "other">) => void;
}) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-border" data-testid="file-preview">
      <table className="w-full text-xs">
        <thead className="sticky top-0 bg-surface-muted">
          <tr>
            {preview.columns.map((c) => (
              <th key={c.name} className="px-2 py-1 text-left align-bottom font-medium">
                <div className="font-mono">{c.name}</div>
                <select
                  aria-label={`Type of ${c.name}`}
                  value={types[c.name] ?? c.type}
                  onChange={(e) => onType(c.name, e.target.value as Exclude<LogicalType, "other">)}
                  className={`mt-1 rounded border border-border bg-surface px-1 py-0.5 ${types[c.name] ? "text-accent-strong" : ""}`}
                >
                  {COLUMN_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                  {c.type === "other" && <option value="other">other</option>}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i} className="border-t border-border">
              {preview.columns.map((c) => (
                <td key={c.name} className="max-w-40 truncate px-2 py-1 font-mono">
                  {row[c.name] === null ? <span className="text-muted italic">missing</span> : row[c.name]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
