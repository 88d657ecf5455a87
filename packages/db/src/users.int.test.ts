import { Conflict } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken, revokeApiToken, userForApiToken } from "./api-tokens.ts";
import { SYSTEM_ACTOR } from "./audit.ts";
import { createDb, type Db } from "./client.ts";
import { createUser, signIn } from "./users.ts";

let client: Db;
beforeAll(() => {
  client = createDb(inject("databaseUrl"), 2);
});
afterAll(() => client.$disconnect());

const unique = () => `u${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`;
const ctx = { actor: SYSTEM_ACTOR, requestId: "req-1" };

describe("users", () => {
  it("stores an argon2 hash, not the password, and audits the creation without it", async () => {
    const email = unique();
    const user = await createUser(client, ctx, { email, name: "N", role: "engineer", password: "correct horse battery" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const event = await client.auditEvent.findFirst({ where: { entityId: user.id, action: "user.create" } });
    expect(event?.requestId).toBe("req-1");
    expect(JSON.stringify(event?.after)).not.toContain("correct horse");
    expect(JSON.stringify(event?.after)).not.toContain("argon2");
  });

  it("refuses a second user with the same email, whatever its case", async () => {
    const email = unique();
    await createUser(client, ctx, { email, name: "A", role: "viewer", password: "0123456789" });
    await expect(
      createUser(client, ctx, { email: email.toUpperCase(), name: "B", role: "viewer", password: "0123456789" }),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it("signs in with the right password only, and audits failures", async () => {
    const email = unique();
    await createUser(client, ctx, { email, name: "S", role: "viewer", password: "0123456789" });
    expect(await signIn(client, email, "wrong-password")).toBeNull();
    expect((await signIn(client, email.toUpperCase(), "0123456789"))?.email).toBe(email);
    const actions = (await client.auditEvent.findMany({ where: { actorLabel: email }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["auth.sign-in-failed", "auth.sign-in"]);
  });

  it("refuses a disabled account", async () => {
    const email = unique();
    const user = await createUser(client, ctx, { email, name: "D", role: "viewer", password: "0123456789" });
    await client.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await signIn(client, email, "0123456789")).toBeNull();
  });
});

describe("API tokens", () => {
  it("stores only a hash, resolves the owner, and stops working once revoked", async () => {
    const user = await createUser(client, ctx, { email: unique(), name: "T", role: "engineer", password: "0123456789" });
    const { token, record } = await createApiToken(client, ctx, user.id, { name: "ci" });
    expect(token).toMatch(/^rh_[A-Za-z0-9_-]{32}$/);
    const stored = await client.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.tokenHash).not.toContain(token.slice(3));
    expect((await userForApiToken(client, token))?.id).toBe(user.id);
    expect(await userForApiToken(client, `${token}x`)).toBeNull();

    await revokeApiToken(client, ctx, user.id, record.id);
    expect(await userForApiToken(client, token)).toBeNull();
  });

  it("rejects an expired token", async () => {
    const user = await createUser(client, ctx, { email: unique(), name: "E", role: "engineer", password: "0123456789" });
    const { token, record } = await createApiToken(client, ctx, user.id, { name: "old", expiresInDays: 1 });
    await client.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForApiToken(client, token)).toBeNull();
  });

  it("does not let one user revoke another's token", async () => {
    const owner = await createUser(client, ctx, { email: unique(), name: "O", role: "engineer", password: "0123456789" });
    const other = await createUser(client, ctx, { email: unique(), name: "X", role: "engineer", password: "0123456789" });
    const { token, record } = await createApiToken(client, ctx, owner.id, { name: "mine" });
    await expect(revokeApiToken(client, ctx, other.id, record.id)).rejects.toThrow(/does not exist/);
    expect(await userForApiToken(client, token)).not.toBeNull();
  });
});
