"use client";

import { type ModelDetail, metricLabel } from "@roundhouse/contracts";
import { Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { PromotionDialog } from "@/features/promotions/components/promotion-dialog";
import { formatMetric } from "@/lib/metric-format";

/** Every version with its metrics and provenance; engineers request a promotion from its row. */
export function VersionsTable({ model, metricNames, canRequest }: { model: ModelDetail; metricNames: string[]; canRequest: boolean }) {
  const [requesting, setRequesting] = useState<number | null>(null);
  return (
    <>
      <Table data-testid="versions-table">
        <thead>
          <tr>
            <Th>Version</Th>
            {metricNames.map((m) => (
              <Th key={m} className="text-right" title={m}>
                {metricLabel(m)}
              </Th>
            ))}
            <Th>Trained on</Th>
            <Th>Run</Th>
            <Th>Model file</Th>
            <Th>Registered</Th>
            {canRequest && <Th />}
          </tr>
        </thead>
        <tbody>
          {model.versions.map((v) => (
            <tr key={v.id} data-testid={`version-${v.version}`}>
              <Td>
                <span className="font-medium">v{v.version}</span>
                <div className="mt-1 flex flex-wrap gap-1">
                  {v.aliases.map((a) => (
                    <Badge key={a} tone={a === "production" ? "success" : "accent"}>
                      {a}
                    </Badge>
                  ))}
                </div>
              </Td>
              {metricNames.map((m) => (
                <Td key={m} className="text-right tabular-nums">
                  {formatMetric(v.metrics[m])}
                </Td>
              ))}
              <Td>
                {v.datasets.map((d) => (
                  <div key={d.id}>
                    <Link href={`/datasets/${d.datasetId}`} className="text-accent-strong hover:underline">
                      {d.name} v{d.version}
                    </Link>
                    <span className="ml-1 font-mono text-xs text-muted" title={d.sha256}>
                      {d.sha256.slice(0, 10)}
                    </span>
                  </div>
                ))}
              </Td>
              <Td>
                <Link href={`/jobs/${v.jobId}`} className="text-accent-strong hover:underline">
                  {v.algorithm}
                </Link>
              </Td>
              {/* The two files one above the other: side by side they pushed the row past the page's width. */}
              <Td className="whitespace-nowrap font-mono text-xs text-muted" title={v.artifactSha256}>
                <div className="flex flex-col items-start gap-1">
                  <a
                    href={`/api/v1/models/${encodeURIComponent(model.name)}/versions/${v.version}/file`}
                    download
                    className="inline-flex items-center gap-1 text-accent-strong hover:underline"
                    aria-label={`Download the model file of v${v.version}`}
                  >
                    <Download aria-hidden className="size-3.5" />
                    {v.artifactSha256.slice(0, 12)}
                  </a>
                  <a
                    href={`/api/v1/models/${encodeURIComponent(model.name)}/versions/${v.version}/onnx`}
                    download
                    className="inline-flex items-center gap-1 text-accent-strong hover:underline"
                    aria-label={`Download v${v.version} as ONNX`}
                    title="The same model as ONNX (checked against its own predictions before it is sent)"
                  >
                    <Download aria-hidden className="size-3.5" />
                    ONNX
                  </a>
                </div>
              </Td>
              <Td className="text-muted">
                <LocalTime iso={v.createdAt} />
                <div className="text-xs">{v.createdBy}</div>
              </Td>
              {canRequest && (
                <Td>
                  <Button size="sm" variant="secondary" className="whitespace-nowrap" onClick={() => setRequesting(v.version)}>
                    Request promotion
                  </Button>
                </Td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
      {requesting !== null && <PromotionDialog model={model.name} version={requesting} onClose={() => setRequesting(null)} />}
    </>
  );
}
