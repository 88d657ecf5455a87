"use client";

import { can, type Role } from "@roundhouse/contracts";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useAwaitingApprovals } from "@/features/promotions/hooks/use-awaiting-approvals";
import { cn } from "@/lib/cn";
import { NAV_ITEMS } from "./nav-items";

/** The sections this role can use; approvers see how many promotion requests wait for their decision. */
export function NavLinks({ role }: { role: Role }) {
  const pathname = usePathname();
  const awaiting = useAwaitingApprovals(can(role, "models:approve"));
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission)).map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
              "focus-visible:outline-2 focus-visible:outline-ring",
              active ? "bg-accent/10 text-accent-strong" : "text-muted hover:bg-surface-muted hover:text-text",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {label}
            {href === "/approvals" && awaiting > 0 && (
              <span
                className="ml-auto rounded-full bg-accent px-1.5 text-xs font-semibold text-accent-contrast"
                data-testid="approvals-badge"
                title={`${awaiting} waiting for your decision`}
              >
                {awaiting}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
