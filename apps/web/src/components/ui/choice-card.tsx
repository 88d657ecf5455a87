import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A radio button drawn as a card: a real input (keyboard and screen readers), a big target. */
export function ChoiceCard({
  name,
  checked,
  disabled,
  onSelect,
  children,
}: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer flex-col items-start gap-1 rounded-lg border p-4 text-left has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
        checked ? "border-accent bg-accent/5" : "border-border hover:bg-surface-muted",
        disabled && "cursor-not-allowed opacity-50",
      )}
    >
      <input type="radio" name={name} checked={checked} disabled={disabled} onChange={onSelect} className="sr-only" />
      {children}
    </label>
  );
}
