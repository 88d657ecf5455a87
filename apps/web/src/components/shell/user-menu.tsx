"use client";

import type { Role } from "@roundhouse/contracts";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";

export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const router = useRouter();
  async function signOut() {
    await api("/api/v1/auth/sign-out", { method: "POST" });
    router.replace("/sign-in");
    router.refresh();
  }
  return (
    <div className="flex items-center gap-3" data-testid="user-menu">
      <div className="hidden text-right sm:block">
        <div className="text-sm font-medium text-text">{name}</div>
        <div className="text-xs text-muted">{email}</div>
      </div>
      <Badge tone={role === "admin" ? "accent" : role === "approver" ? "success" : "neutral"}>{role}</Badge>
      <Button variant="ghost" size="sm" onClick={signOut} aria-label="Sign out">
        <LogOut aria-hidden className="size-4" />
      </Button>
    </div>
  );
}
