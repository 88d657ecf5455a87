import { TrainFront } from "lucide-react";

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-base font-semibold tracking-tight text-text">
      <span className="rounded-md bg-accent p-1.5 text-accent-contrast">
        <TrainFront aria-hidden className="size-4" />
      </span>
      Roundhouse
    </span>
  );
}
