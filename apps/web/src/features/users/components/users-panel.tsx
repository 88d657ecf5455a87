"use client";

import { CreateUserRequestSchema, ROLE_DESCRIPTIONS, type Role, RoleSchema } from "@roundhouse/contracts";
import { Users } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError } from "@/lib/api-client";
import { useCreateUser } from "../hooks/use-create-user";
import { useUpdateUser } from "../hooks/use-update-user";
import { useUsers } from "../hooks/use-users";

type FieldName = "email" | "name" | "role" | "password";

/** Admins add people here; the same zod schema checks the form before the API checks it again. */
/** `currentUserId`: the signed-in admin, who cannot disable themselves (the API refuses it too). */
export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [errors, setErrors] = useState<Partial<Record<FieldName | "form", string>>>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = Object.fromEntries(new FormData(formElement));
    const parsed = CreateUserRequestSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => formElement.reset(),
      onError: (err) =>
        setErrors(
          err instanceof ApiError
            ? { form: err.message, ...Object.fromEntries((err.problem.errors ?? []).map((p) => [p.path, p.message])) }
            : { form: String(err) },
        ),
    });
  }

  return (
    <Card className="p-6">
      <h2 className="flex items-center gap-2 text-lg font-semibold">
        <Users aria-hidden className="size-5 text-accent" /> Users
      </h2>
      <p className="mt-1 text-sm text-muted">Everyone who can sign in, and what their role lets them do.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 grid gap-3 md:grid-cols-2">
        <Field label="Email" name="email" type="email" error={errors.email} />
        <Field label="Name" name="name" error={errors.name} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="new-user-role" className="text-sm font-medium">
            Role
          </label>
          <select
            id="new-user-role"
            name="role"
            defaultValue="engineer"
            className="h-10 rounded-md border border-border bg-surface px-3 text-sm"
          >
            {RoleSchema.options.map((r: Role) => (
              <option key={r} value={r}>
                {r}: {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </select>
          {errors.role && <p className="text-xs text-danger">{errors.role}</p>}
        </div>
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          hint="At least 10 characters"
        />
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Add user
          </Button>
          {errors.form && (
            <p role="alert" className="text-sm text-danger">
              {errors.form}
            </p>
          )}
          {create.isSuccess && !errors.form && (
            <p role="status" className="text-sm text-success">
              Added {create.data.email}.
            </p>
          )}
        </div>
      </form>
      {update.error && (
        <p role="alert" className="mt-4 text-sm text-danger">
          {update.error.message}
        </p>
      )}
      {users.data && (
        <div className="mt-6">
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Since</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <Td>{u.name}</Td>
                  <Td>{u.email}</Td>
                  <Td>
                    <Badge tone={u.disabled ? "danger" : "neutral"}>{u.disabled ? "disabled" : u.role}</Badge>
                  </Td>
                  <Td>{new Date(u.createdAt).toLocaleDateString()}</Td>
                  <Td className="text-right">
                    {u.id === currentUserId ? (
                      <span className="text-xs text-muted">you</span>
                    ) : (
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={update.isPending}
                        title={u.disabled ? undefined : "Disabling signs the user out everywhere and stops their API tokens"}
                        onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
