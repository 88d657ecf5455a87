"use client";

import type { FieldProblem } from "@roundhouse/contracts";
import { Check } from "lucide-react";
import { cn } from "@/lib/cn";
import { problemsOfStep, STEPS } from "../lib/steps";

export function StepIndicator({
  current,
  problems,
  onPick,
}: {
  current: number;
  problems: FieldProblem[];
  onPick: (step: number) => void;
}) {
  return (
    <nav aria-label="Training wizard steps">
      <ol className="flex flex-wrap gap-2">
        {STEPS.map((s, i) => {
          const done = i < current;
          const flagged = i < current && problemsOfStep(problems, i).length > 0;
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onPick(i)}
                aria-current={i === current ? "step" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-ring",
                  i === current ? "border-accent bg-accent/10 font-medium text-text" : "border-border text-muted hover:bg-surface-muted",
                  flagged && "border-danger text-danger",
                )}
              >
                <span
                  className={cn(
                    "flex size-5 items-center justify-center rounded-full text-xs",
                    done ? "bg-accent text-accent-contrast" : "bg-surface-muted",
                  )}
                >
                  {done ? <Check aria-hidden className="size-3" /> : i + 1}
                </span>
                {s.title}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
