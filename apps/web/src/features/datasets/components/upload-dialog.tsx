"use client";

import { formatBytes } from "@roundhouse/contracts";
import { UploadCloud } from "lucide-react";
import Link from "next/link";
import { type DragEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cn } from "@/lib/cn";
import { useDebounced } from "../hooks/use-debounced";
import { useFilePreview } from "../hooks/use-file-preview";
import { useUpload } from "../hooks/use-upload";
import { DEFAULT_CHOICES, type UploadChoices } from "../lib/upload-options";
import { FilePreviewTable } from "./file-preview-table";
import { UploadOptionsForm } from "./upload-options-form";

/**
 * Upload a CSV, Parquet or JSON Lines file as a new dataset, or as a new version of `datasetId`.
 * Before anything is stored, the dialog shows the first rows as they will be read, with each
 * column's inferred type to change, and the reading options (delimiter, header, missing markers).
 */
export function UploadDialog({
  datasetId,
  datasetName,
  latestVersion,
}: {
  datasetId?: string;
  datasetName?: string;
  latestVersion?: number;
}) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"replace" | "append">("replace");
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { state, upload, reset } = useUpload();
  const [choices, setChoices] = useState<UploadChoices>(DEFAULT_CHOICES);
  const change = (c: Partial<UploadChoices>) => setChoices((old) => ({ ...old, ...c }));
  const preview = useFilePreview(file, useDebounced(choices, 300));
  const text = preview.data ? preview.data.format === "csv" : !/\.(parquet|jsonl|ndjson|json)$/i.test(file?.name ?? "");

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setChoices(DEFAULT_CHOICES);
    if (!datasetId && !name)
      setName(
        f.name
          .replace(/(\.gz)?$/i, "")
          .replace(/\.[^.]+$/, "")
          .replace(/[^A-Za-z0-9_.-]+/g, "-"),
      );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const close = () => {
    setOpen(false);
    setFile(null);
    setName("");
    setMode("replace");
    setChoices(DEFAULT_CHOICES);
    reset();
  };
  const busy = state.phase === "uploading" || state.phase === "processing";

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UploadCloud aria-hidden className="size-4" />
        {datasetId ? "Upload new version" : "Upload dataset"}
      </Button>
      <Dialog open={open} onClose={close} title={datasetId ? `New version of ${datasetName}` : "Upload a dataset"} wide>
        <div className="flex flex-col gap-4">
          <button
            type="button"
            onClick={() => input.current?.click()}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={cn(
              "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed border-border px-4 py-8 text-sm text-muted",
              dragging && "border-accent bg-accent/5",
            )}
          >
            <UploadCloud aria-hidden className="size-6 text-accent" />
            {file ? (
              <span className="text-text">
                {file.name} · {formatBytes(file.size)}
              </span>
            ) : (
              <span>Drop a CSV, Parquet or JSON Lines file (or a .gz of one) here, or click to choose one</span>
            )}
          </button>
          <input
            ref={input}
            type="file"
            aria-label="Dataset file"
            className="hidden"
            accept=".csv,.tsv,.txt,.parquet,.jsonl,.ndjson,.json,.gz"
            onChange={(e) => choose(e.target.files?.[0])}
          />
          {!datasetId && (
            <Field
              label="Dataset name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              hint="Letters, digits, '-', '_' and '.'"
              error={state.phase === "failed" ? state.error.fieldError("name") : undefined}
            />
          )}
          {datasetId && latestVersion !== undefined && (
            <fieldset className="flex flex-col gap-1 text-sm" data-testid="upload-mode">
              <legend className="mb-1 font-medium">The file is</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "replace"} onChange={() => setMode("replace")} />
                the whole new version (replaces v{latestVersion}'s rows)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "append"} onChange={() => setMode("append")} />
                new rows to add to v{latestVersion} (same columns; a file already appended is not added twice)
              </label>
            </fieldset>
          )}
          {file && state.phase !== "done" && (
            <>
              <UploadOptionsForm choices={choices} onChange={change} text={text} />
              {preview.isError ? (
                <p className="rounded-md bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="file-preview-error">
                  {preview.error.message}
                </p>
              ) : preview.data ? (
                <div className="flex flex-col gap-1">
                  <p className="text-xs text-muted">
                    The first rows as they will be read. Types are guessed from the start of the file; change any before uploading.
                  </p>
                  <FilePreviewTable
                    preview={preview.data}
                    types={choices.types}
                    onType={(column, type) => change({ types: { ...choices.types, [column]: type } })}
                  />
                </div>
              ) : (
                <p className="text-sm text-muted">Reading the start of the file…</p>
              )}
            </>
          )}
          {state.phase === "uploading" && (
            <div className="flex flex-col gap-1">
              <ProgressBar value={state.sent / state.total} label="Upload progress" />
              <span className="text-xs text-muted">
                {formatBytes(state.sent)} of {formatBytes(state.total)}
              </span>
            </div>
          )}
          {state.phase === "processing" && (
            <p className="text-sm text-muted">
              Uploaded. {mode === "append" ? "Checking the columns, appending the rows" : "Converting to Parquet"} and profiling every
              column…
            </p>
          )}
          {state.phase === "failed" && (
            <p role="alert" className="rounded-md bg-danger/10 px-3 py-2 text-sm text-danger">
              {state.error.message}
            </p>
          )}
          {state.phase === "done" && (
            <div role="status" className="rounded-md bg-success/10 px-3 py-2 text-sm">
              <p>{state.result.message}</p>
              {state.result.version.warnings.map((w) => (
                <p key={w} className="mt-1 text-warning">
                  {w}
                </p>
              ))}
              <Link
                className="mt-2 inline-block font-medium text-accent-strong underline"
                href={`/datasets/${state.result.version.datasetId}`}
                onClick={close}
              >
                Open {state.result.version.datasetName}
              </Link>
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              {state.phase === "done" ? "Close" : "Cancel"}
            </Button>
            <Button
              disabled={!file || busy || state.phase === "done" || (!datasetId && !name)}
              onClick={() => file && upload(file, datasetId ? { datasetId, mode } : { name }, choices)}
            >
              {busy ? "Uploading…" : "Upload"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
