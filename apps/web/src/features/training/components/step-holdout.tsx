"use client";

import type { Holdout } from "@roundhouse/contracts";
import { useEffect } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useDatasetVersion } from "@/features/datasets/hooks/use-dataset-version";
import { formatCount } from "@/features/datasets/lib/format";
import { useRowsPerDay } from "../hooks/use-rows-per-day";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";
import { RowsPerDayChart } from "./rows-per-day-chart";

type DateRange = Extract<Holdout, { kind: "dateRange" }>;

/** Step 3: how the rows the model never sees while training are chosen. */
export function StepHoldout({ draft, edit, problems }: StepProps) {
  const version = useDatasetVersion(draft.spec.data.datasetVersionId);
  const holdout = (draft.spec.data.holdout ?? { kind: "random", fraction: 0.2 }) as Holdout;
  const dateColumns = version.data?.schema.filter((c) => c.type === "date" || c.type === "timestamp") ?? [];
  const days = useRowsPerDay(version.data?.id, holdout.kind === "dateRange" ? holdout.column : undefined);

  const setKind = (kind: string) =>
    edit((spec) => {
      spec.data.holdout =
        kind === "dateRange"
          ? { kind: "dateRange", column: dateColumns[0]?.name ?? "", train: { from: "", to: "" }, holdout: { from: "", to: "" } }
          : { kind: "random", fraction: 0.2, seed: 42, stratify: false };
    });
  const setHoldout = (change: (h: Holdout) => void) =>
    edit((spec) => {
      change(spec.data.holdout as Holdout);
    });

  // Until the user picks dates, train on the first 80% of days and hold out the rest.
  const list = days.data?.days ?? [];
  const needsDefault = holdout.kind === "dateRange" && list.length > 1 && !holdout.train.from;
  useEffect(() => {
    if (!needsDefault) return;
    const cut = list[Math.floor(list.length * 0.8)]?.day ?? "";
    edit((spec) => {
      const d = spec.data.holdout as DateRange;
      d.train = { from: list[0]?.day ?? "", to: cut };
      d.holdout = { from: cut, to: nextDay(list[list.length - 1]?.day ?? "") };
    });
  }, [needsDefault, list, edit]);
  if (!version.data) return <Skeleton className="h-72" />;
  const rows = version.data.rowCount;
  const countIn = (from: string, to: string) =>
    list.filter((d) => d.day >= from.slice(0, 10) && d.day < to.slice(0, 10)).reduce((a, d) => a + d.rows, 0);
  const counts =
    holdout.kind === "random"
      ? { train: Math.round(rows * (1 - holdout.fraction)), holdout: Math.round(rows * holdout.fraction), approximate: true }
      : {
          train: countIn(holdout.train.from, holdout.train.to),
          holdout: countIn(holdout.holdout.from, holdout.holdout.to),
          approximate: false,
        };

  return (
    <section aria-labelledby="step-holdout" className="flex flex-col gap-5">
      <div>
        <h2 id="step-holdout" className="text-lg font-semibold">
          Which rows judge the model?
        </h2>
        <p className="text-sm text-muted">
          The holdout is scored after training and never seen during it. Use a date range when the model will predict the future.
        </p>
      </div>
      <Select label="Holdout strategy" value={holdout.kind} onChange={(e) => setKind(e.target.value)} className="max-w-sm">
        <option value="random">Random rows</option>
        <option value="dateRange" disabled={!dateColumns.length}>
          Date range{dateColumns.length ? "" : " (no date column)"}
        </option>
      </Select>
      {holdout.kind === "random" ? (
        <div className="grid max-w-2xl gap-4 sm:grid-cols-3">
          <Field
            label="Holdout fraction"
            type="number"
            step="0.05"
            min="0.01"
            max="0.99"
            value={holdout.fraction}
            error={problemAt(problems, "data.holdout.fraction")}
            onChange={(e) =>
              setHoldout((h) => {
                (h as { fraction: number }).fraction = Number(e.target.value);
              })
            }
          />
          <Field
            label="Seed"
            type="number"
            value={holdout.seed ?? 42}
            onChange={(e) =>
              setHoldout((h) => {
                (h as { seed: number }).seed = Number(e.target.value);
              })
            }
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              checked={holdout.stratify ?? false}
              onChange={(e) =>
                setHoldout((h) => {
                  (h as { stratify: boolean }).stratify = e.target.checked;
                })
              }
              className="size-4 accent-[var(--accent)]"
            />
            Stratify by the label
          </label>
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <Select
            label="Date column"
            value={holdout.column}
            className="max-w-sm"
            onChange={(e) =>
              setHoldout((h) => {
                const d = h as DateRange;
                d.column = e.target.value;
                d.train = { from: "", to: "" };
                d.holdout = { from: "", to: "" };
              })
            }
          >
            {dateColumns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </Select>
          {days.isLoading ? <Skeleton className="h-48" /> : <RowsPerDayChart days={list} holdout={holdout} />}
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {(["train", "holdout"] as const).flatMap((part) =>
              (["from", "to"] as const).map((bound) => (
                <Field
                  key={`${part}-${bound}`}
                  label={`${part === "train" ? "Train" : "Holdout"} ${bound === "from" ? "from" : "until (excluded)"}`}
                  type="date"
                  value={holdout[part][bound].slice(0, 10)}
                  error={bound === "from" ? problemAt(problems, `data.holdout.${part}`) : undefined}
                  onChange={(e) =>
                    setHoldout((h) => {
                      (h as DateRange)[part][bound] = e.target.value;
                    })
                  }
                />
              )),
            )}
          </div>
        </div>
      )}
      {problemAt(problems, "data.holdout") && <p className="text-sm text-danger">{problemAt(problems, "data.holdout")}</p>}
      <ValidationControl
        fraction={draft.spec.data.validation?.fraction}
        error={problemAt(problems, "data.validation")}
        onChange={(fraction) =>
          edit((spec) => {
            spec.data.validation = fraction === undefined ? undefined : { fraction };
          })
        }
      />
      {counts.train < 0 || counts.holdout < 0 ? (
        <p className="text-sm text-muted" data-testid="split-counts">
          Choose a holdout fraction between 0 and 1 to see how many rows each side gets.
        </p>
      ) : (
        <p className="text-sm" data-testid="split-counts">
          {counts.approximate ? "About " : ""}
          <strong>{formatCount(counts.train)}</strong> rows to train on, <strong>{formatCount(counts.holdout)}</strong> in the holdout
          {draft.spec.data.label ? " (rows without a label are left out)" : ""}.
        </p>
      )}
    </section>
  );
}

/** Rows held out of training (not the holdout) for early stopping to watch. */
function ValidationControl({
  fraction,
  error,
  onChange,
}: {
  fraction: number | undefined;
  error: string | undefined;
  onChange: (fraction: number | undefined) => void;
}) {
  return (
    <div className="flex max-w-2xl flex-col gap-2 rounded-md border border-border p-3" data-testid="validation-control">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={fraction !== undefined}
          onChange={(e) => onChange(e.target.checked ? 0.1 : undefined)}
          className="size-4 accent-[var(--accent)]"
        />
        Hold a validation set out of the training rows (needed for early stopping)
      </label>
      {fraction !== undefined && (
        <Field
          label="Validation fraction of the training rows"
          type="number"
          step="0.05"
          min="0.05"
          max="0.45"
          value={fraction}
          className="max-w-48"
          onChange={(e) => onChange(Number(e.target.value))}
        />
      )}
      {error && <p className="text-sm text-danger">{error}</p>}
    </div>
  );
}

function nextDay(day: string): string {
  if (!day) return "";
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
