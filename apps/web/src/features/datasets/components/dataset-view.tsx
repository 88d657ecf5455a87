"use client";

import { Download, GitMerge } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { useDataset } from "../hooks/use-dataset";
import { formatBytes, formatCount, shortHash } from "../lib/format";
import { ColumnProfiles } from "./column-profiles";
import { PreviewTable } from "./preview-table";
import { RefreshButton } from "./refresh-button";
import { UploadDialog } from "./upload-dialog";

export function DatasetView({ id, canWrite }: { id: string; canWrite: boolean }) {
  const dataset = useDataset(id);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = params.get("tab") === "preview" ? "preview" : "profile";
  const go = (changes: Record<string, string>) =>
    router.replace(`${pathname}?${new URLSearchParams({ ...Object.fromEntries(params), ...changes })}`, { scroll: false });

  if (dataset.isPending) return <Skeleton className="h-96" />;
  if (dataset.isError) return <p className="text-sm text-danger">Could not load the dataset: {dataset.error.message}</p>;
  const d = dataset.data;
  const selected = d.versions.find((v) => String(v.version) === params.get("version")) ?? d.versions[0];

  return (
    <>
      <PageHeader
        title={d.name}
        description={d.description || `Owned by ${d.owner}`}
        actions={
          <>
            {selected && (
              <>
                <a
                  className={buttonClass({ variant: "secondary" })}
                  href={`/api/v1/dataset-versions/${selected.id}/download?format=csv`}
                  download
                >
                  <Download aria-hidden className="size-4" /> CSV
                </a>
                <a className={buttonClass({ variant: "secondary" })} href={`/api/v1/dataset-versions/${selected.id}/download`} download>
                  <Download aria-hidden className="size-4" /> Parquet
                </a>
              </>
            )}
            {canWrite && (
              <>
                {selected && (
                  <Link
                    href={`/datasets/derive?base=${selected.id}`}
                    className="inline-flex h-10 items-center gap-2 rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-muted"
                  >
                    <GitMerge aria-hidden className="size-4" /> Join or filter
                  </Link>
                )}
                {d.versions[0]?.sourceKind === "derived" ? (
                  <RefreshButton datasetId={d.id} />
                ) : (
                  <UploadDialog datasetId={d.id} datasetName={d.name} latestVersion={d.versions[0]?.version} />
                )}
              </>
            )}
          </>
        }
      />
      <section aria-labelledby="versions" className="mb-8">
        <h2 id="versions" className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">
          Versions
        </h2>
        <Table>
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Content hash</Th>
              <Th>Source</Th>
              <Th className="text-right">Rows</Th>
              <Th className="text-right">Size</Th>
              <Th>Made from</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.id} className={cn(v.id === selected?.id && "bg-accent/5")}>
                <Td>
                  <button
                    type="button"
                    className="font-medium text-accent-strong hover:underline"
                    onClick={() => go({ version: String(v.version) })}
                  >
                    v{v.version}
                  </button>
                </Td>
                <Td className="font-mono text-xs" title={v.contentHash}>
                  {shortHash(v.contentHash)}
                </Td>
                <Td>
                  <Badge>{v.sourceKind}</Badge> <span className="text-xs text-muted">{v.sourceName}</span>
                </Td>
                <Td className="text-right tabular-nums">{formatCount(v.rowCount)}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(v.byteSize)}</Td>
                <Td className="text-xs">
                  {v.parents.length === 0
                    ? "–"
                    : v.parents.map((p) => (
                        <span key={p.id} className="mr-2 whitespace-nowrap font-mono" title={p.contentHash}>
                          {p.datasetName} v{p.version}
                        </span>
                      ))}
                  {v.scoring && (
                    <span className="whitespace-nowrap">
                      scored by{" "}
                      <Link href={`/models/${encodeURIComponent(v.scoring.model)}`} className="text-accent hover:underline">
                        {v.scoring.model} v{v.scoring.version}
                      </Link>{" "}
                      in{" "}
                      <Link href={`/jobs/${v.scoring.jobId}`} className="text-accent hover:underline">
                        job {v.scoring.jobId.slice(0, 8)}
                      </Link>
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-muted">
                  {new Date(v.createdAt).toLocaleString()} · {v.createdBy}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      {selected && (
        <section aria-label={`Version ${selected.version}`}>
          {selected.warnings.length > 0 && (
            <Card className="mb-4 border-warning/40 bg-warning/10 p-3 text-sm">
              {selected.warnings.map((w) => (
                <p key={w}>{w}</p>
              ))}
            </Card>
          )}
          <div role="tablist" aria-label="Version details" className="mb-4 flex gap-1 border-b border-border">
            {(["profile", "preview"] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                onClick={() => go({ tab: t })}
                className={cn(
                  "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                  tab === t ? "border-accent text-text" : "border-transparent text-muted hover:text-text",
                )}
              >
                {t === "profile" ? `Columns (${selected.schema.length})` : "Preview"}
              </button>
            ))}
            <span className="ml-auto self-center text-xs text-muted">
              v{selected.version} · {formatCount(selected.rowCount)} rows
            </span>
          </div>
          {tab === "profile" ? <ColumnProfiles version={selected} /> : <PreviewTable version={selected} />}
        </section>
      )}
    </>
  );
}
