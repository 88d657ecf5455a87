import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, RoleSchema } from "./roles.ts";

describe("roles", () => {
  it("lets a viewer read but change nothing", () => {
    const mutating = Object.keys(PERMISSIONS).filter((p) => p !== "read" && p !== "tokens:manage-own") as (keyof typeof PERMISSIONS)[];
    expect(can("viewer", "read")).toBe(true);
    for (const p of mutating) expect(can("viewer", p)).toBe(false);
  });

  it("keeps submitting and approving apart, so four eyes need two people", () => {
    expect(can("engineer", "jobs:submit")).toBe(true);
    expect(can("engineer", "models:approve")).toBe(false);
    expect(can("approver", "models:approve")).toBe(true);
    expect(can("approver", "jobs:submit")).toBe(false);
  });

  it("gives an admin every permission", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can("admin", p)).toBe(true);
    expect(RoleSchema.options).toEqual(["viewer", "engineer", "approver", "admin"]);
  });
});
