"use client";

import { Field } from "@/components/ui/field";
import { problemAt } from "../lib/steps";
import type { StepProps } from "./training-wizard";

/** Step 5: what the job is called and filed under, and what it may use. */
export function StepResources({ draft, edit, problems }: StepProps) {
  const m = draft.spec.metadata;
  const r = draft.spec.resources ?? {};
  const setResource = (key: "cpu" | "memoryMb" | "timeoutSeconds" | "priority", value: string) =>
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
        <Field
          label="Threads"
          type="number"
          min={1}
          max={16}
          value={r.cpu ?? 1}
          hint="Gradient-boosted trees build histograms on this many threads"
          onChange={(e) => setResource("cpu", e.target.value)}
          error={problemAt(problems, "resources.cpu")}
        />
        <Field
          label="Memory limit (MB)"
          type="number"
          min={256}
          value={r.memoryMb ?? 2048}
          hint="The job fails with a clear reason past this"
          onChange={(e) => setResource("memoryMb", e.target.value)}
          error={problemAt(problems, "resources.memoryMb")}
        />
        <Field
          label="Time limit (seconds)"
          type="number"
          min={10}
          value={r.timeoutSeconds ?? 3600}
          onChange={(e) => setResource("timeoutSeconds", e.target.value)}
          error={problemAt(problems, "resources.timeoutSeconds")}
        />
        <Field
          label="Priority"
          type="number"
          min={-100}
          max={100}
          value={r.priority ?? 0}
          hint="Higher runs first"
          onChange={(e) => setResource("priority", e.target.value)}
          error={problemAt(problems, "resources.priority")}
        />
      </div>
    </section>
  );
}
