"use client";

import { AUDIT_ACTIONS, auditActionFamilies } from "@roundhouse/contracts";
import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ENTITY_TYPES } from "../lib/audit-filter";

interface Props {
  query: Record<string, string | undefined>;
  set: (changes: Record<string, string | undefined>) => void;
  actors: string[];
}

/** Who, what, which kind of entity, when, and free text: every choice goes into the URL. */
export function AuditFilters({ query, set, actors }: Props) {
  // Typed text waits for a pause before it becomes a query.
  const [q, setQ] = useState(query.q ?? "");
  const [actor, setActor] = useState(query.actor ?? "");
  // "Clear filters" empties the URL; the boxes follow.
  useEffect(() => {
    if (!query.q) setQ("");
    if (!query.actor) setActor("");
  }, [query.q, query.actor]);
  const latest = useRef({ query, set });
  latest.current = { query, set };
  useEffect(() => {
    const t = setTimeout(() => {
      const { query: now, set: apply } = latest.current;
      if (q !== (now.q ?? "") || actor !== (now.actor ?? "")) apply({ q, actor });
    }, 300);
    return () => clearTimeout(t);
  }, [q, actor]);

  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Field label="Search" placeholder="text in the event" value={q} onChange={(e) => setQ(e.target.value)} />
      <Field
        label="Actor"
        placeholder="email, system, worker:…"
        list="audit-actors"
        value={actor}
        onChange={(e) => setActor(e.target.value)}
      />
      <datalist id="audit-actors">
        {actors.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Select label="Action" value={query.action ?? ""} onChange={(e) => set({ action: e.target.value })}>
        <option value="">Any</option>
        <optgroup label="Families">
          {auditActionFamilies().map((f) => (
            <option key={f} value={`${f}.*`}>
              all {f} events
            </option>
          ))}
        </optgroup>
        <optgroup label="Actions">
          {Object.entries(AUDIT_ACTIONS).map(([a, label]) => (
            <option key={a} value={a}>
              {label}
            </option>
          ))}
        </optgroup>
      </Select>
      <Select
        label="Entity type"
        value={query.entityType ?? ""}
        onChange={(e) => set({ entityType: e.target.value, entityId: undefined, related: undefined })}
      >
        <option value="">Any</option>
        {ENTITY_TYPES.map(([t, label]) => (
          <option key={t} value={t}>
            {label}
          </option>
        ))}
      </Select>
      <Field label="From" type="date" value={query.from ?? ""} onChange={(e) => set({ from: e.target.value })} />
      <Field label="Until" type="date" value={query.to ?? ""} onChange={(e) => set({ to: e.target.value })} />
    </div>
  );
}
