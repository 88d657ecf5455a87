"use client";

import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { DATE_FORMATS, type UploadChoices } from "../lib/upload-options";

/** How to read the file: delimiter, decimal mark, encoding, dates, header, what means "missing", and a description. */
export function UploadOptionsForm({
  choices,
  onChange,
  text,
}: {
  choices: UploadChoices;
  onChange: (change: Partial<UploadChoices>) => void;
  /** Text files only (CSV): Parquet and JSON carry their own structure. */
  text: boolean;
}) {
  return (
    <div className="flex flex-col gap-3">
      {text && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Select label="Delimiter" value={choices.delimiter} onChange={(e) => onChange({ delimiter: e.target.value, types: {} })}>
            <option value="">Guess from the header</option>
            <option value=",">Comma ,</option>
            <option value=";">Semicolon ;</option>
            <option value={"\t"}>Tab</option>
            <option value="|">Pipe |</option>
          </Select>
          <Select
            label="Decimal mark"
            value={choices.decimal}
            onChange={(e) => onChange({ decimal: e.target.value as UploadChoices["decimal"], types: {} })}
          >
            <option value="">Guess (a comma only in ; or tab files)</option>
            <option value=".">Point 1.5</option>
            <option value=",">Comma 1,5</option>
          </Select>
          <Select
            label="Encoding"
            value={choices.encoding}
            onChange={(e) => onChange({ encoding: e.target.value as UploadChoices["encoding"], types: {} })}
          >
            <option value="">UTF-8 (UTF-16 by its mark)</option>
            <option value="windows-1252">Windows-1252, Latin-1 (Excel)</option>
            <option value="utf-16">UTF-16</option>
          </Select>
          <Select label="Dates" value={choices.dateFormat} onChange={(e) => onChange({ dateFormat: e.target.value, types: {} })}>
            <option value="">Guess from the values</option>
            {DATE_FORMATS.map((d) => (
              <option key={d.format} value={d.format}>
                {d.label}
              </option>
            ))}
          </Select>
          <Field
            label="Missing-value markers"
            value={choices.nullValues}
            hint="Comma-separated; empty cells are always missing"
            onChange={(e) => onChange({ nullValues: e.target.value })}
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              checked={choices.header}
              onChange={(e) => onChange({ header: e.target.checked, types: {} })}
              className="size-4 accent-[var(--accent)]"
            />
            First row is the header
          </label>
        </div>
      )}
      <Field
        label="Description"
        value={choices.description}
        placeholder="Where the data comes from, what a row is"
        onChange={(e) => onChange({ description: e.target.value })}
      />
    </div>
  );
}
