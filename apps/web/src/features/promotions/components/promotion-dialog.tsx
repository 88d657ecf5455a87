"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { useComparison } from "../hooks/use-comparison";
import { useRequestPromotion } from "../hooks/use-request-promotion";
import { ComparisonView } from "./comparison-view";

const ALIASES = ["production", "staging"];

/** Ask for a version to take an alias: the comparison first, then a justification for the approver. */
export function PromotionDialog({ model, version, onClose }: { model: string; version: number; onClose: () => void }) {
  const router = useRouter();
  const [choice, setChoice] = useState("production");
  const [custom, setCustom] = useState("");
  const [justification, setJustification] = useState("");
  const alias = choice === "custom" ? custom.trim() : choice;
  const validAlias = /^[a-z][a-z0-9_-]{0,39}$/.test(alias);
  const comparison = useComparison(model, version, alias, validAlias);
  const submit = useRequestPromotion(model);
  const error = submit.error instanceof ApiError ? submit.error : null;

  return (
    <Dialog open onClose={onClose} title={`Request ${model} v${version} for an alias`} wide>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({ version, alias, justification }, { onSuccess: (created) => router.push(`/approvals/${created.id}`) });
        }}
      >
        <fieldset className="flex flex-wrap items-center gap-4">
          <legend className="mb-1 text-sm font-medium">Alias</legend>
          {[...ALIASES, "custom"].map((a) => (
            <label key={a} className="flex items-center gap-1.5 text-sm">
              <input type="radio" name="alias" value={a} checked={choice === a} onChange={() => setChoice(a)} />
              {a === "custom" ? "Other:" : a}
            </label>
          ))}
          {choice === "custom" && (
            <input
              aria-label="Custom alias"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              placeholder="e.g. shadow"
              className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
            />
          )}
        </fieldset>
        {choice === "custom" && custom && !validAlias && (
          <p className="text-xs text-danger">An alias is lowercase letters, digits, - or _, starting with a letter.</p>
        )}
        <section aria-label="Champion and challenger">
          <h3 className="mb-2 text-sm font-semibold">Champion / challenger</h3>
          {!validAlias ? null : comparison.data ? (
            <ComparisonView comparison={comparison.data} alias={alias} />
          ) : comparison.error ? (
            <p className="text-sm text-danger">{comparison.error.message}</p>
          ) : (
            <div className="flex flex-col gap-2" aria-busy="true">
              <p className="text-sm text-muted">Scoring both versions on the same holdout rows…</p>
              <Skeleton className="h-40 w-full" />
            </div>
          )}
        </section>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="justification" className="text-sm font-medium">
            Justification
          </label>
          <textarea
            id="justification"
            required
            minLength={10}
            rows={3}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            placeholder="Why this version should take the alias: what changed, what you checked"
            aria-invalid={error?.fieldError("justification") ? true : undefined}
            className="rounded-md border border-border bg-surface p-2 text-sm"
          />
          {error?.fieldError("justification") && <p className="text-xs text-danger">{error.fieldError("justification")}</p>}
        </div>
        {submit.error && !error?.fieldError("justification") && <p className="text-sm text-danger">{submit.error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={submit.isPending || !validAlias || justification.trim().length < 10}>
            {submit.isPending ? "Requesting…" : "Request approval"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
