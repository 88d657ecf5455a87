import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditEvent } from "./audit.ts";
import { canonicalJson, sortKeys, toJsonValue } from "./canonical-json.ts";

describe("canonical JSON", () => {
  it("gives the same text whatever the key order, at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("writes exactly the text of the stringify-parse-sort reference, for every kind of value", () => {
    const values: unknown[] = [
      { b: [1, undefined, () => 1, Number.NaN, -0, 1e21, 1.5e-7], a: { é: 'ü\n"q"', "": null, u: undefined } },
      [new Date(0), 12345678901234567890n, { toJSON: () => ({ z: 1, a: [2] }) }],
      "text",
      42,
      null,
      undefined,
      true,
      {
        nested: { deeper: { list: [{ y: 1, x: 2 }, [], {}] } },
        __proto__x: 1,
        "10": 1,
        "9": 2,
        "01": 3,
        "4294967295": 4,
        "4294967294": 5,
        B: 1,
        a: 2,
      },
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(JSON.stringify(sortKeys(toJsonValue(v))));
  });

  it("stores dates and bigints the way jsonb will give them back", () => {
    expect(toJsonValue({ at: new Date(0), n: 12345678901234567890n, gone: undefined })).toEqual({
      at: "1970-01-01T00:00:00.000Z",
      n: "12345678901234567890",
    });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it("keeps numbers to the 15 digits that survive jsonb and Prisma unchanged", () => {
    expect(toJsonValue({ psi: 0.33499999999999996, n: 12, big: 2 ** 60 })).toEqual({ psi: 0.335, n: 12, big: 2 ** 60 });
  });
});

describe("audit event hash", () => {
  const event = {
    id: "00000000-0000-0000-0000-000000000001",
    at: "2026-01-01T00:00:00.000Z",
    actorId: null,
    actorLabel: "system",
    action: "user.create",
    entityType: "user",
    entityId: "u1",
    before: null,
    after: { role: "admin" },
    requestId: null,
    prevHash: GENESIS_HASH,
  };

  it("is a SHA-256 that changes with any field, including the previous hash", () => {
    const h = hashAuditEvent(event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEvent({ ...event })).toBe(h);
    expect(hashAuditEvent({ ...event, after: { role: "viewer" } })).not.toBe(h);
    expect(hashAuditEvent({ ...event, prevHash: "1".repeat(64) })).not.toBe(h);
  });
});
