"use client";

import type { TrainingSpecInput } from "@roundhouse/contracts";
import { useCallback, useEffect, useState } from "react";
import { type Draft, loadDraft, saveDraft } from "../lib/draft";

/** The draft under `id`, saved to localStorage on every edit. */
export function useTrainingDraft(id: string | null, initial: () => Draft | null) {
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (!id) return;
    const stored = loadDraft(id) ?? initial();
    if (stored) saveDraft(id, stored);
    setDraft(stored);
  }, [id, initial]);
  const edit = useCallback(
    (change: (spec: TrainingSpecInput, draft: Draft) => void) => {
      setDraft((current) => {
        if (!current || !id) return current;
        const next = structuredClone(current);
        change(next.spec, next);
        saveDraft(id, next);
        return next;
      });
    },
    [id],
  );
  const replace = useCallback(
    (next: Draft) => {
      if (id) saveDraft(id, next);
      setDraft(next);
    },
    [id],
  );
  return { draft, edit, replace };
}
