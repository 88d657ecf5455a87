// The wizard's state is a TrainingSpec in the making (the same JSON the API takes), kept in
// localStorage under a draft id that lives in the URL, so a reload or a back button loses nothing.
import type { TrainingSpecInput } from "@roundhouse/contracts";

export interface Draft {
  /** The dataset picked in step 1 (the spec names only the exact version). */
  datasetId?: string;
  spec: TrainingSpecInput;
}

export const emptyDraft = (): Draft => ({
  spec: {
    metadata: { name: "", project: "default", description: "", tags: [] },
    data: { label: "", features: [], holdout: { kind: "random", fraction: 0.2, seed: 42, stratify: false } },
    train: { algorithm: "gbdt", params: {} },
    resources: { cpu: 1, memoryMb: 2048, timeoutSeconds: 3600, priority: 0 },
  } as unknown as TrainingSpecInput,
});

const key = (id: string) => `roundhouse.training-draft.${id}`;

export function loadDraft(id: string): Draft | null {
  try {
    const text = localStorage.getItem(key(id));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(id: string, draft: Draft) {
  localStorage.setItem(key(id), JSON.stringify(draft));
}

export const newDraftId = () => crypto.randomUUID().slice(0, 8);

/** A job's spec as a new draft: the same data and model, ready to tweak and retrain. */
export const draftFromSpec = (spec: TrainingSpecInput, datasetId?: string): Draft => ({ datasetId, spec });

/** Same spec, same key: a double click or a resubmitted page returns the first job. */
export function idempotencyKey(draftId: string, spec: unknown): string {
  const text = JSON.stringify(spec);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `wizard-${draftId}-${(h >>> 0).toString(16)}`;
}
