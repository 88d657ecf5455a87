"use client";

import { type FieldProblem, metricLabel, type Sweep } from "@roundhouse/contracts";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { type Algorithm, OBJECTIVES, paramFields } from "../lib/params";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";

type SweepInput = Partial<Sweep> & { params?: Sweep["params"] };

/** An optional sweep: the parameters to vary (a list of values, or a range for random search). */
export function SweepForm({
  algorithm,
  task,
  sweep,
  edit,
  problems,
}: {
  algorithm: Algorithm;
  task: string;
  sweep: SweepInput | undefined;
  edit: StepProps["edit"];
  problems: FieldProblem[];
}) {
  const numeric = paramFields(algorithm).filter((f) => f.type === "integer" || f.type === "number");
  const objectives = OBJECTIVES[task] ?? OBJECTIVES.binary ?? [];
  const change = (fn: (s: SweepInput) => void) =>
    edit((spec) => {
      const s = (spec.train.sweep ?? {}) as SweepInput;
      fn(s);
      spec.train.sweep = s as Sweep;
    });
  const toggle = (on: boolean) =>
    edit((spec) => {
      if (!on) delete spec.train.sweep;
      else
        spec.train.sweep = {
          method: "grid",
          params: {},
          maxTrials: 20,
          parallelism: 2,
          seed: 0,
          objective: objectives[0] ?? { metric: "auc", direction: "maximize" },
        };
    });
  const method = sweep?.method ?? "grid";

  return (
    <fieldset className="flex flex-col gap-4 border-t border-border pt-4">
      <legend className="sr-only">Sweep</legend>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={Boolean(sweep)}
          onChange={(e) => toggle(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        Sweep parameters: train one job per combination and keep the best
      </label>
      {sweep && (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Select
              label="Search"
              value={method}
              onChange={(e) =>
                change((s) => {
                  s.method = e.target.value as "grid";
                })
              }
            >
              <option value="grid">Grid: every combination</option>
              <option value="random">Random draws</option>
            </Select>
            <Field
              label="Max trials"
              type="number"
              min={1}
              max={200}
              value={sweep.maxTrials ?? 20}
              onChange={(e) =>
                change((s) => {
                  s.maxTrials = Number(e.target.value);
                })
              }
              error={problemAt(problems, "train.sweep.maxTrials")}
            />
            <Field
              label="Trials at once"
              type="number"
              min={1}
              max={32}
              value={sweep.parallelism ?? 2}
              onChange={(e) =>
                change((s) => {
                  s.parallelism = Number(e.target.value);
                })
              }
            />
            <Select
              label="Objective"
              value={sweep.objective?.metric ?? objectives[0]?.metric}
              onChange={(e) =>
                change((s) => {
                  s.objective = objectives.find((o) => o.metric === e.target.value);
                })
              }
            >
              {objectives.map((o) => (
                <option key={o.metric} value={o.metric}>
                  {metricLabel(o.metric)} ({o.direction === "maximize" ? "higher" : "lower"} is better)
                </option>
              ))}
            </Select>
          </div>
          {problemAt(problems, "train.sweep.params") && <p className="text-sm text-danger">{problemAt(problems, "train.sweep.params")}</p>}
          <ul className="flex flex-col gap-2" aria-label="Parameters to vary">
            {numeric.map((f) => {
              const value = sweep.params?.[f.name];
              const varied = value !== undefined;
              return (
                <li key={f.name} className="grid items-center gap-3 sm:grid-cols-[12rem_1fr]">
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={varied}
                      aria-label={`vary ${f.name}`}
                      onChange={(e) =>
                        change((s) => {
                          s.params ??= {};
                          if (!e.target.checked) delete s.params[f.name];
                          else
                            s.params[f.name] =
                              method === "grid"
                                ? [f.default as number]
                                : { min: f.min ?? 0, max: f.max ?? 1, log: false, integer: f.type === "integer" };
                        })
                      }
                      className="size-4 accent-[var(--accent)]"
                    />
                    <span className="font-mono">{f.name}</span>
                  </label>
                  {varied &&
                    (Array.isArray(value) ? (
                      <ValuesInput
                        name={f.name}
                        values={value as number[]}
                        onChange={(v) =>
                          change((s) => {
                            s.params = { ...s.params, [f.name]: v };
                          })
                        }
                      />
                    ) : (
                      <div className="grid grid-cols-2 gap-2">
                        {(["min", "max"] as const).map((b) => (
                          <Field
                            key={b}
                            label={`${f.name} ${b}`}
                            type="number"
                            value={(value as { min: number; max: number })[b]}
                            onChange={(e) =>
                              change((s) => {
                                s.params = {
                                  ...s.params,
                                  [f.name]: { ...(value as object), [b]: Number(e.target.value) },
                                } as Sweep["params"];
                              })
                            }
                          />
                        ))}
                      </div>
                    ))}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}

function ValuesInput({ name, values, onChange }: { name: string; values: number[]; onChange: (v: number[]) => void }) {
  // The text is kept as typed ("3, " mid-edit); the spec gets the numbers.
  const [text, setText] = useState(values.join(", "));
  return (
    <Field
      label={`${name} values`}
      value={text}
      hint="Comma-separated, e.g. 3, 6, 9"
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean)
            .map(Number),
        );
      }}
    />
  );
}
