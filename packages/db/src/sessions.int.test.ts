import { TooManyRequests } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken, userForApiToken } from "./api-tokens.ts";
import { SYSTEM_ACTOR } from "./audit.ts";
import { createDb, type Db } from "./client.ts";
import { pruneAccessRecords } from "./housekeeping.ts";
import { endSession, startSession, userForSession } from "./sessions.ts";
import { THROTTLE } from "./sign-in-throttle.ts";
import { createUser, signIn, updateUser } from "./users.ts";

let client: Db;
beforeAll(() => {
  client = createDb(inject("databaseUrl"), 4);
});
afterAll(() => client.$disconnect());

const unique = () => `s${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`;
const ctx = { actor: SYSTEM_ACTOR, requestId: "req-s" };
const newUser = () => createUser(client, ctx, { email: unique(), name: "S", role: "engineer", password: "0123456789" });

describe("sessions", () => {
  it("store only a hash of the token and end on sign-out, for every copy of the cookie", async () => {
    const user = await newUser();
    const { token } = await startSession(client, user.id);
    expect(await client.session.count({ where: { tokenHash: token } })).toBe(0);
    expect((await userForSession(client, token))?.id).toBe(user.id);
    await endSession(client, token);
    expect(await userForSession(client, token)).toBeNull();
    expect((await client.session.findFirstOrThrow({ where: { userId: user.id } })).endedReason).toBe("signed out");
  });

  it("end when idle longer than the idle lifetime, and at the absolute expiry", async () => {
    const user = await newUser();
    const idle = await startSession(client, user.id);
    await client.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 3 * 3_600_000) } });
    expect(await userForSession(client, idle.token)).toBeNull();
    const old = await startSession(client, user.id);
    await client.session.updateMany({ where: { userId: user.id, endedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForSession(client, old.token)).toBeNull();
  });

  it("all end when an admin disables the user, whose tokens stop working too; the change is audited", async () => {
    const user = await newUser();
    const a = await startSession(client, user.id);
    const b = await startSession(client, user.id);
    const { token } = await createApiToken(client, ctx, user.id, { name: "cli" });
    const updated = await updateUser(client, ctx, user.id, { disabled: true });
    expect(updated.disabledAt).not.toBeNull();
    expect(await userForSession(client, a.token)).toBeNull();
    expect(await userForSession(client, b.token)).toBeNull();
    expect(await userForApiToken(client, token)).toBeNull();
    // Enabling again does not bring the ended sessions back.
    await updateUser(client, ctx, user.id, { disabled: false });
    expect(await userForSession(client, a.token)).toBeNull();
    const event = await client.auditEvent.findFirstOrThrow({
      where: { entityId: user.id, action: "user.update" },
      orderBy: { seq: "asc" },
    });
    expect(event.after).toMatchObject({ disabled: true, sessionsEnded: 2 });
  });

  it("refuse to let an admin disable themselves", async () => {
    const admin = await createUser(client, ctx, { email: unique(), name: "A", role: "admin", password: "0123456789" });
    await expect(updateUser(client, { actor: { id: admin.id, label: admin.email } }, admin.id, { disabled: true })).rejects.toThrow(
      /cannot disable yourself/,
    );
  });
});

describe("API tokens", () => {
  it("expire after 90 days unless 'never' is asked for", async () => {
    const user = await newUser();
    const byDefault = await createApiToken(client, ctx, user.id, { name: "default" });
    const days = ((byDefault.record.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    const never = await createApiToken(client, ctx, user.id, { name: "forever", expiresInDays: "never" });
    expect(never.record.expiresAt).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it("locks an account after the free attempts, doubling the wait, with a few aggregated audit rows", async () => {
    const user = await newUser();
    for (let i = 0; i < THROTTLE.account; i++) expect(await signIn(client, user.email, "wrong")).toBeNull();
    // Locked now: even the right password waits, and the check does not touch the password.
    const locked = await signIn(client, user.email, "0123456789").catch((e) => e);
    expect(locked).toBeInstanceOf(TooManyRequests);
    expect((locked as TooManyRequests).retryAfterSeconds).toBe(1);
    for (let i = 0; i < 20; i++) await signIn(client, user.email, "wrong").catch(() => undefined);

    const failed = await client.auditEvent.findMany({
      where: { entityId: user.id, action: "auth.sign-in-failed" },
      orderBy: { seq: "asc" },
    });
    expect(failed.map((e) => (e.after as { failures: number }).failures)).toEqual([1, THROTTLE.account]);

    // After the lock, the next failure locks for twice as long.
    await client.signInThrottle.update({ where: { key: `account:${user.email}` }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect(await signIn(client, user.email, "wrong")).toBeNull();
    const again = await signIn(client, user.email, "0123456789").catch((e) => e);
    expect((again as TooManyRequests).retryAfterSeconds).toBe(2);
  });

  it("counts parallel guesses: 30 at once, at most the free ones are checked", async () => {
    const user = await newUser();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => signIn(client, user.email, "wrong")));
    const throttled = results.filter((r) => r.status === "rejected" && r.reason instanceof TooManyRequests).length;
    expect(30 - throttled).toBeLessThanOrEqual(THROTTLE.account);
  });

  it("never locks an address for its successful sign-ins: only failures count there", async () => {
    const address = `10.1.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
    const user = await newUser();
    for (let i = 0; i < THROTTLE.address * 2; i++) expect((await signIn(client, user.email, "0123456789", { address }))?.id).toBe(user.id);
    expect((await client.signInThrottle.findUniqueOrThrow({ where: { key: `address:${address}` } })).failures).toBe(0);
  });

  it("throttles one address guessing many accounts, and clears an account's streak on success", async () => {
    const address = `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
    for (let i = 0; i < THROTTLE.address; i++) await signIn(client, unique(), "wrong", { address });
    await expect(signIn(client, unique(), "wrong", { address })).rejects.toBeInstanceOf(TooManyRequests);

    const user = await newUser();
    for (let i = 0; i < THROTTLE.account - 1; i++) await signIn(client, user.email, "wrong");
    expect((await signIn(client, user.email, "0123456789"))?.id).toBe(user.id);
    expect(await client.signInThrottle.findUnique({ where: { key: `account:${user.email}` } })).toBeNull();
  });
});

describe("housekeeping", () => {
  it("forgets throttles of past streaks (random emails cannot grow the table) and month-old ended sessions", async () => {
    const long = new Date(Date.now() - 2 * THROTTLE.forgetAfterSeconds * 1000);
    const key = (k: string) => `account:${k}-${unique()}`;
    const [stale, locked, fresh] = [key("stale"), key("locked"), key("fresh")];
    await client.signInThrottle.createMany({
      data: [
        { key: stale, failures: 3, lastFailedAt: long },
        { key: locked, failures: 30, lastFailedAt: long, lockedUntil: new Date(Date.now() + 60_000) },
        { key: fresh, failures: 1, lastFailedAt: new Date() },
      ],
    });
    const user = await newUser();
    const ended = await startSession(client, user.id);
    await endSession(client, ended.token);
    const open = await startSession(client, user.id);
    await client.session.updateMany({
      where: { userId: user.id, endedAt: { not: null } },
      data: { endedAt: new Date(Date.now() - 31 * 24 * 3_600_000) },
    });

    const pruned = await pruneAccessRecords(client);
    expect(pruned.throttles).toBeGreaterThanOrEqual(1);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    const left = (await client.signInThrottle.findMany({ where: { key: { in: [stale, locked, fresh] } } })).map((r) => r.key);
    expect(left.sort()).toEqual([fresh, locked].sort());
    expect((await userForSession(client, open.token))?.id).toBe(user.id);
    expect(await client.session.count({ where: { userId: user.id } })).toBe(1);
  });
});
