"use client";

import { DEFAULT_TOKEN_DAYS } from "@roundhouse/contracts";
import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError } from "@/lib/api-client";
import { useApiTokens } from "../hooks/use-api-tokens";
import { useCreateApiToken } from "../hooks/use-create-api-token";
import { useRevokeApiToken } from "../hooks/use-revoke-api-token";

export function ApiTokensPanel() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState(String(DEFAULT_TOKEN_DAYS));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, expiresInDays: expiry === "never" ? "never" : Number(expiry) }, { onSuccess: () => setName("") });
  }
  const nameError = create.error instanceof ApiError ? (create.error.fieldError("name") ?? create.error.message) : undefined;

  return (
    <Card className="p-6">
      <h2 className="flex items-center gap-2 text-lg font-semibold">
        <KeyRound aria-hidden className="size-5 text-accent" /> API tokens
      </h2>
      <p className="mt-1 text-sm text-muted">
        For the REST API and the <code className="font-mono">roundhouse</code> CLI: send{" "}
        <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token acts with your role.
      </p>
      <form onSubmit={onSubmit} className="mt-4 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label="Token name" value={name} onChange={(e) => setName(e.target.value)} placeholder="laptop CLI" error={nameError} />
        </div>
        <Select label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          <option value="7">in 7 days</option>
          <option value="30">in 30 days</option>
          <option value={String(DEFAULT_TOKEN_DAYS)}>in {DEFAULT_TOKEN_DAYS} days</option>
          <option value="365">in a year</option>
          <option value="never">never (until revoked)</option>
        </Select>
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {create.data && (
        <div role="status" className="mt-4 rounded-md border border-success/40 bg-success/10 p-3 text-sm">
          <p className="font-medium">Copy this token now: it is shown only once.</p>
          <code data-testid="new-token" className="mt-2 block break-all font-mono text-xs">
            {create.data.token}
          </code>
        </div>
      )}
      <div className="mt-6">
        {tokens.data && tokens.data.items.length > 0 ? (
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Starts with</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Expires</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <Td>{t.name}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td>{new Date(t.createdAt).toLocaleString()}</Td>
                  <Td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}</Td>
                  <Td>{t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : "never"}</Td>
                  <Td className="text-right">
                    {t.revoked ? (
                      <Badge tone="danger">revoked</Badge>
                    ) : (
                      <Button variant="secondary" size="sm" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending}>
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          tokens.data && <p className="text-sm text-muted">You have no API tokens yet.</p>
        )}
      </div>
    </Card>
  );
}
