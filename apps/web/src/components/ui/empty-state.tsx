import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "./card";

/** What a page shows before it has anything: what will appear here, and the way forward. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card className="flex flex-col items-center px-6 py-16 text-center">
      <div className="mb-4 rounded-full bg-accent/10 p-3 text-accent">
        <Icon aria-hidden className="size-6" />
      </div>
      <h2 className="text-lg font-semibold text-text">{title}</h2>
      <div className="mt-2 max-w-md text-sm text-muted">{children}</div>
      {action && <div className="mt-6">{action}</div>}
    </Card>
  );
}
