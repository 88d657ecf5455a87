import type { Role } from "@roundhouse/contracts";
import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppShell({ user, children }: { user: { name: string; email: string; role: Role }; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col gap-6 border-r border-border bg-surface px-3 py-4 md:flex">
        <Link href="/" className="px-2.5">
          <Logo />
        </Link>
        <NavLinks role={user.role} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-border bg-surface px-4 md:justify-end md:px-8">
          <Link href="/" className="md:hidden">
            <Logo />
          </Link>
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu {...user} />
          </div>
        </header>
        <div className="border-b border-border bg-surface px-2 py-1 md:hidden">
          <NavLinks role={user.role} />
        </div>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8">{children}</main>
      </div>
    </div>
  );
}
