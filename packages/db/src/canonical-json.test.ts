import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditEvent } from "./audit.ts";
import { canonicalJson, toJsonValue } from "./canonical-json.ts";

describe("canonical JSON", () => {
  it("gives the same text whatever the key order, at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("stores dates and bigints the way jsonb will give them back", () => {
    expect(toJsonValue({ at: new Date(0), n: 12345678901234567890n, gone: undefined })).toEqual({
      at: "1970-01-01T00:00:00.000Z",
      n: "12345678901234567890",
    });
    expect(toJsonValue(undefined)).toBeNull();
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
