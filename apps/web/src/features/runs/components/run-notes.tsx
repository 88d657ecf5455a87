"use client";

import type { RunDetail } from "@roundhouse/contracts";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";
import { useAnnotateRun } from "../hooks/use-annotate-run";

/** Tags typed as "baseline, v2 fast": split on commas and spaces, blanks dropped. */
export const parseTags = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** A run's notes and tags: read by everyone, edited by those who may train (every change is audited). */
export function RunNotes({ run, canEdit }: { run: RunDetail; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [tags, setTags] = useState("");
  const [note, setNote] = useState("");
  const save = useAnnotateRun(run.id);
  const problem = save.error instanceof ApiError ? save.error : null;
  const start = () => {
    setTags(run.tags.join(", "));
    setNote(run.note);
    save.reset();
    setEditing(true);
  };
  if (!editing) {
    return (
      <div className="flex flex-col gap-2" data-testid="run-notes">
        <div className="flex flex-wrap items-center gap-1.5">
          {run.tags.length ? run.tags.map((t) => <Badge key={t}>{t}</Badge>) : <span className="text-sm text-muted">No tags.</span>}
          {canEdit && (
            <Button variant="ghost" size="sm" onClick={start} className="ml-auto">
              <Pencil aria-hidden className="size-3.5" /> Edit notes and tags
            </Button>
          )}
        </div>
        {run.note ? (
          <p className="whitespace-pre-wrap text-sm">{run.note}</p>
        ) : (
          <p className="text-sm text-muted">{canEdit ? "No notes yet: what was tried, what was learned." : "No notes."}</p>
        )}
      </div>
    );
  }
  return (
    <form
      className="flex flex-col gap-3"
      aria-label="Notes and tags"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ tags: parseTags(tags), note }, { onSuccess: () => setEditing(false) });
      }}
    >
      <Field
        label="Tags"
        hint="Separated by commas or spaces; at most 20."
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        error={problem?.problem.errors?.find((p) => p.path.startsWith("tags"))?.message}
      />
      <label htmlFor="run-note" className="text-sm font-medium">
        Notes
      </label>
      <textarea
        id="run-note"
        rows={4}
        maxLength={10_000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="rounded-md border border-border bg-surface p-2 text-sm"
        placeholder="What was tried, what was learned, what to try next"
      />
      {save.error && (
        <p className="text-sm text-danger" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={() => setEditing(false)} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
