import { can, ROLE_DESCRIPTIONS } from "@roundhouse/contracts";
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/features/auth/server/caller";
import { ApiTokensPanel } from "@/features/settings/components/api-tokens-panel";
import { UsersPanel } from "@/features/users/components/users-panel";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader title="Settings" description="Your account, your API tokens and, for admins, the people who can sign in." />
      <div className="flex flex-col gap-6">
        <Card className="p-6">
          <h2 className="text-lg font-semibold">{user.name}</h2>
          <p className="text-sm text-muted">{user.email}</p>
          <p className="mt-3 text-sm">
            Role: <strong>{user.role}</strong> ({ROLE_DESCRIPTIONS[user.role]})
          </p>
        </Card>
        <ApiTokensPanel />
        {can(user.role, "users:manage") && <UsersPanel currentUserId={user.id} />}
      </div>
    </>
  );
}
