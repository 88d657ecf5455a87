import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Card } from "./card";

/** A titled card: one chart or one block of facts on a page. */
export function Panel({
  title,
  children,
  className,
  heading: Heading = "h2",
}: {
  title: string;
  children: ReactNode;
  className?: string;
  /** h3 when the panel sits under a section's own h2 */
  heading?: "h2" | "h3";
}) {
  return (
    <Card className={cn("p-4", className)}>
      <Heading className="mb-3 text-sm font-semibold">{title}</Heading>
      {children}
    </Card>
  );
}
