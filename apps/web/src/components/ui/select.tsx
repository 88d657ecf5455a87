import { type SelectHTMLAttributes, useId } from "react";
import { cn } from "@/lib/cn";

export function Select({ label, className, id, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={selectId} className="text-sm font-medium text-text">
        {label}
      </label>
      <select
        id={selectId}
        className={cn(
          "h-10 rounded-md border border-border bg-surface px-2 text-sm text-text focus-visible:outline-2 focus-visible:outline-ring",
          className,
        )}
        {...props}
      >
        {children}
      </select>
    </div>
  );
}

/** A table filter: "Any" (the empty value, no filter) or one of the values the table holds. */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  className,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <Select label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </Select>
    </div>
  );
}
