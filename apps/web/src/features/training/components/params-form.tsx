"use client";

import type { FieldProblem } from "@roundhouse/contracts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ParamField } from "../lib/params";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";

/** One input per parameter, generated from the algorithm's or workflow's schema (range and default shown). */
export function ParamsForm({
  fields,
  params,
  edit,
  problems,
}: {
  fields: ParamField[];
  params: Record<string, unknown>;
  edit: StepProps["edit"];
  problems: FieldProblem[];
}) {
  const set = (name: string, value: unknown) =>
    edit((spec) => {
      spec.train.params ??= {};
      if (value === undefined) delete spec.train.params[name];
      else spec.train.params[name] = value;
    });
  // A clone carries every parameter spelled out; only those away from their default count as changed.
  const changed = fields.filter((f) => params[f.name] !== undefined && params[f.name] !== f.default).length;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 flex w-full items-center justify-between text-sm font-medium">
        Parameters
        {changed > 0 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              edit((spec) => {
                spec.train.params = {};
              })
            }
          >
            Reset {changed} changed to default{changed === 1 ? "" : "s"}
          </Button>
        )}
      </legend>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {fields.map((f) => {
          const range = [f.min !== undefined ? `from ${f.min}` : "", f.max !== undefined ? `to ${f.max}` : ""].filter(Boolean).join(" ");
          const shown = (v: unknown) => (f.type === "json" ? JSON.stringify(v) : String(v));
          const hint = [f.help, `default ${shown(f.default)}${range ? `, ${range}` : ""}`].filter(Boolean).join(". ");
          const error = problemAt(problems, `train.params.${f.name}`);
          if (f.type === "boolean" || f.type === "enum")
            return (
              <Select
                key={f.name}
                label={f.name}
                value={String(params[f.name] ?? f.default)}
                onChange={(e) => set(f.name, f.type === "boolean" ? e.target.value === "true" : e.target.value)}
              >
                {(f.options ?? ["true", "false"]).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </Select>
            );
          if (f.type === "string" || f.type === "json")
            return (
              <Field
                key={f.name}
                label={f.name}
                placeholder={shown(f.default)}
                value={
                  params[f.name] === undefined ? "" : typeof params[f.name] === "string" ? String(params[f.name]) : shown(params[f.name])
                }
                onChange={(e) =>
                  set(f.name, e.target.value === "" ? undefined : f.type === "json" ? parseJson(e.target.value) : e.target.value)
                }
                hint={hint}
                error={error}
              />
            );
          return (
            <Field
              key={f.name}
              label={f.name}
              type="number"
              step={f.type === "integer" ? 1 : "any"}
              min={f.min}
              max={f.max}
              placeholder={String(f.default)}
              value={params[f.name] === undefined ? "" : String(params[f.name])}
              onChange={(e) => set(f.name, e.target.value === "" ? undefined : Number(e.target.value))}
              hint={hint}
              error={error}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

/** Text that is not JSON yet (mid-typing) is kept as text: the server names the field if it stays so. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
