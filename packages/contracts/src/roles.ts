import { z } from "zod";

export const RoleSchema = z.enum(["viewer", "engineer", "approver", "admin"]);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What each role may do. Roles are not a strict ladder: an approver reviews promotions but does
 * not submit jobs; an admin may do everything.
 */
export const PERMISSIONS = {
  read: ["viewer", "engineer", "approver", "admin"],
  "tokens:manage-own": ["viewer", "engineer", "approver", "admin"],
  "datasets:write": ["engineer", "admin"],
  "jobs:submit": ["engineer", "admin"],
  "models:request-promotion": ["engineer", "admin"],
  "models:approve": ["approver", "admin"],
  // A prediction writes a decision, so it is not for read-only viewers.
  "models:predict": ["engineer", "approver", "admin"],
  "models:rollback": ["approver", "admin"],
  // Setting or starting a retraining policy submits jobs and may open promotion requests.
  "models:retrain": ["engineer", "admin"],
  // A workflow is code the workers run: registering one is trusted like submitting jobs, and audited.
  "workflows:register": ["engineer", "admin"],
  "users:manage": ["admin"],
  "audit:verify": ["admin", "approver"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads everything, changes nothing",
  engineer: "Registers datasets, submits training jobs, requests promotions",
  approver: "Approves or rejects promotions requested by others",
  admin: "Manages users and API tokens; can do everything",
};
