"use client";

import { Field } from "@/components/ui/field";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";

// Defaults as the TrainingSpec schema has them.
const RESOURCES = [
  { key: "cpu", label: "Threads", min: 1, max: 16, default: 1, hint: "Gradient-boosted trees build histograms on this many threads" },
  {
    key: "memoryMb",
    label: "Memory limit (MB)",
    min: 256,
    max: 65_536,
    default: 2048,
    hint: "The job fails with a clear reason past this",
  },
  { key: "timeoutSeconds", label: "Time limit (seconds)", min: 10, max: undefined, default: 3600, hint: undefined },
  { key: "priority", label: "Priority", min: -100, max: 100, default: 0, hint: "Higher runs first" },
] as const;

/** Step 5: what the job is called and filed under, and what it may use. */
export function StepResources({ draft, edit, problems }: StepProps) {
  const m = draft.spec.metadata;
  const r = draft.spec.resources ?? {};
  const setResource = (key: (typeof RESOURCES)[number]["key"], value: string) =>
    edit((spec) => {
      spec.resources ??= {};
      spec.resources[key] = Number(value);
    });
  return (
    <section aria-labelledby="step-resources" className="flex flex-col gap-6">
      <div>
        <h2 id="step-resources" className="text-lg font-semibold">
          Name it and give it room
        </h2>
        <p className="text-sm text-muted">The name is also the registered model's name: each successful run becomes its next version.</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Name"
          value={m.name}
          onChange={(e) =>
            edit((spec) => {
              spec.metadata.name = e.target.value;
            })
          }
          error={problemAt(problems, "metadata.name")}
          placeholder="flight-delays"
        />
        <Field
          label="Project"
          value={m.project ?? "default"}
          onChange={(e) =>
            edit((spec) => {
              spec.metadata.project = e.target.value;
            })
          }
          error={problemAt(problems, "metadata.project")}
        />
        <Field
          label="Description"
          value={m.description ?? ""}
          onChange={(e) =>
            edit((spec) => {
              spec.metadata.description = e.target.value;
            })
          }
        />
        <Field
          label="Tags"
          hint="Comma-separated"
          value={(m.tags ?? []).join(", ")}
          onChange={(e) =>
            edit((spec) => {
              spec.metadata.tags = e.target.value
                .split(",")
                .map((t) => t.trim())
                .filter(Boolean);
            })
          }
          error={problemAt(problems, "metadata.tags")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {RESOURCES.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            type="number"
            min={f.min}
            max={f.max}
            value={r[f.key] ?? f.default}
            hint={f.hint}
            onChange={(e) => setResource(f.key, e.target.value)}
            error={problemAt(problems, `resources.${f.key}`)}
          />
        ))}
      </div>
    </section>
  );
}
