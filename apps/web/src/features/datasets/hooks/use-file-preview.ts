"use client";

import type { FilePreview } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";
import { type UploadChoices, uploadQuery } from "../lib/upload-options";

// Enough rows to infer types from, small enough to send on every change of an option.
const SAMPLE_BYTES = 256 * 1024;

/** The file's columns, inferred types and first rows as the upload would read them; nothing stored. */
export function useFilePreview(file: File | null, choices: UploadChoices) {
  const { description: _description, ...readOptions } = choices;
  return useQuery({
    queryKey: datasetKeys.filePreview(file ? `${file.name}:${file.size}:${file.lastModified}` : "", readOptions),
    enabled: file !== null,
    retry: false,
    queryFn: () => {
      const f = file as File;
      const complete = f.size <= SAMPLE_BYTES;
      const query = uploadQuery({ ...choices, description: "" }, complete ? { complete: "true" } : {});
      return api<FilePreview>(`/api/v1/datasets/preview-file?${query}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "x-filename": f.name },
        body: complete ? f : f.slice(0, SAMPLE_BYTES),
      });
    },
  });
}
