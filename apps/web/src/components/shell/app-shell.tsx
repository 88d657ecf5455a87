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
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-contrast focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      {/* The column carries the background the whole page down; the menu inside stays in view. */}
      <aside className="hidden w-56 shrink-0 border-r border-border bg-surface md:block">
        <div className="sticky top-0 flex h-screen flex-col gap-6 px-3 py-4">
          <Link href="/" className="px-2.5">
            <Logo />
          </Link>
          <NavLinks role={user.role} />
        </div>
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
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
