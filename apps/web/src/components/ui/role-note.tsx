import type { Role } from "@roundhouse/contracts";
import { Lock } from "lucide-react";
import type { ReactNode } from "react";

/** Where an action is not offered to this role, one line that says so and who can. */
export function RoleNote({ role, children }: { role: Role; children: ReactNode }) {
  return (
    <p className="flex items-center gap-1.5 text-xs text-muted" data-testid="role-note">
      <Lock aria-hidden className="size-3.5 shrink-0" />
      <span>
        Your role ({role}) {children}
      </span>
    </p>
  );
}
