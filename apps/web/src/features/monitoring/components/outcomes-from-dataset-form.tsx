"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useDatasetVersion } from "@/features/datasets/hooks/use-dataset-version";
import { useDatasets } from "@/features/datasets/hooks/use-datasets";
import { ApiError } from "@/lib/api-client";
import { useRecordOutcomesFromDataset } from "../hooks/use-record-outcomes";

const count = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Outcomes kept as a dataset (an export of who churned): pick it, its value column, and how a row
 * finds its decisions. The newest version is read, and kept with each outcome.
 */
export function OutcomesFromDatasetForm({ model }: { model: string }) {
  const datasets = useDatasets({ sort: "updated" }).data?.items ?? [];
  const [datasetName, setDatasetName] = useState("");
  const chosen = datasets.find((d) => d.name === datasetName);
  const columns = useDatasetVersion(chosen?.latest?.id).data?.schema.map((c) => c.name) ?? [];
  const [valueColumn, setValueColumn] = useState("");
  const [matchBy, setMatchBy] = useState<"key" | "decisionId">("key");
  const [idColumn, setIdColumn] = useState("");
  const [joinKey, setJoinKey] = useState("");
  const record = useRecordOutcomesFromDataset(model);
  const error = record.error instanceof ApiError ? record.error : null;
  const column = (label: string, value: string, set: (v: string) => void) => (
    <Select label={label} value={value} onChange={(e) => set(e.target.value)} disabled={!columns.length}>
      <option value="">choose a column</option>
      {columns.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </Select>
  );

  return (
    <form
      className="flex flex-col gap-3"
      data-testid="outcomes-from-dataset"
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({
          dataset: datasetName,
          valueColumn,
          ...(matchBy === "key"
            ? { keyColumn: idColumn, ...(joinKey.trim() ? { joinKey: joinKey.trim() } : {}) }
            : { decisionIdColumn: idColumn }),
        });
      }}
    >
      <p className="text-sm text-muted">
        An export of what really happened (who churned): its newest version is read and kept with each outcome. Empty values are skipped; an
        outcome given again replaces the earlier one.
      </p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Select
          label="Outcome dataset"
          value={datasetName}
          onChange={(e) => {
            setDatasetName(e.target.value);
            setValueColumn("");
            setIdColumn("");
          }}
        >
          <option value="">choose a dataset</option>
          {datasets.map((d) => (
            <option key={d.id} value={d.name}>
              {d.name} (v{d.latest?.version}, {d.latest?.rowCount.toLocaleString("en-US")} rows)
            </option>
          ))}
        </Select>
        {column("True value column", valueColumn, setValueColumn)}
        <fieldset className="flex flex-col gap-1.5 text-sm">
          <legend className="font-medium">Rows find their decisions by</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="match-by" checked={matchBy === "key"} onChange={() => setMatchBy("key")} /> a join key (an input
            field)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="match-by" checked={matchBy === "decisionId"} onChange={() => setMatchBy("decisionId")} /> decision id
          </label>
        </fieldset>
        {column(matchBy === "key" ? "Key column" : "Decision id column", idColumn, setIdColumn)}
        {matchBy === "key" && (
          <Field
            label="Input field it matches"
            placeholder={idColumn || "same name as the key column"}
            value={joinKey}
            onChange={(e) => setJoinKey(e.target.value)}
            error={error?.fieldError("joinKey")}
          />
        )}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" className="whitespace-nowrap" disabled={!datasetName || !valueColumn || !idColumn || record.isPending}>
          {record.isPending ? "Recording…" : "Record outcomes"}
        </Button>
        {record.data && (
          <p className="text-sm" role="status">
            {count(record.data.recorded, "decision")} got an outcome; {count(record.data.unmatchedKeys, "key")} matched no decision;{" "}
            {count(record.data.skippedRows ?? 0, "row")} had no value.
          </p>
        )}
      </div>
      {error && (
        <div role="alert" className="text-sm text-danger">
          <p>{error.message}</p>
          <ul className="list-disc pl-5">
            {(error.problem.errors ?? []).slice(0, 5).map((p) => (
              <li key={p.path}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
