"use client";

import type { IngestResult, Problem } from "@roundhouse/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { ApiError } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";
import { type UploadChoices, uploadQuery } from "../lib/upload-options";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "processing" }
  | { phase: "done"; result: IngestResult }
  | { phase: "failed"; error: ApiError };

/**
 * Sends the file as the raw request body with XMLHttpRequest, whose upload progress events
 * fetch() does not offer; the server streams it to disk as it arrives.
 */
export function useUpload() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: "idle" });

  const upload = useCallback(
    (file: File, target: { name?: string; datasetId?: string; mode?: "replace" | "append" }, choices: UploadChoices) => {
      const url = target.datasetId
        ? `/api/v1/datasets/${target.datasetId}/versions?${uploadQuery(choices, target.mode === "append" ? { mode: "append" } : {})}`
        : `/api/v1/datasets?${uploadQuery(choices, { name: target.name ?? "" })}`;
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.setRequestHeader("x-filename", file.name);
      xhr.upload.onprogress = (e) => setState({ phase: "uploading", sent: e.loaded, total: e.total || file.size });
      xhr.upload.onload = () => setState({ phase: "processing" });
      xhr.onerror = () =>
        setState({
          phase: "failed",
          error: new ApiError({
            type: "about:blank",
            title: "Network error",
            status: 0,
            detail: "The upload was interrupted.",
            code: "unavailable",
          }),
        });
      xhr.onload = () => {
        const body = JSON.parse(xhr.responseText || "{}");
        if (xhr.status >= 200 && xhr.status < 300) {
          setState({ phase: "done", result: body as IngestResult });
          void queryClient.invalidateQueries({ queryKey: datasetKeys.all });
        } else {
          setState({ phase: "failed", error: new ApiError(body as Problem) });
        }
      };
      setState({ phase: "uploading", sent: 0, total: file.size });
      xhr.send(file);
    },
    [queryClient],
  );

  return { state, upload, reset: () => setState({ phase: "idle" }) };
}
