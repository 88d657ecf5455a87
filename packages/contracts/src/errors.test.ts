import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CreateUserRequestSchema } from "./api/auth.ts";
import { Forbidden, Invalid, NotFound } from "./errors.ts";

describe("typed errors", () => {
  it("lists every zod problem with its field path", () => {
    const parsed = CreateUserRequestSchema.safeParse({ email: "nope", name: "", role: "wizard", password: "short" });
    expect(parsed.success).toBe(false);
    const err = Invalid.fromZod((parsed as { error: z.ZodError }).error);
    expect(err.status).toBe(400);
    expect(err.problems.map((p) => p.path).sort()).toEqual(["email", "name", "password", "role"]);
    expect(err.message).toMatch(/^The body is invalid: /);
    expect(err.problems.find((p) => p.path === "password")?.message).toBe("Use at least 10 characters");
  });

  it("joins nested paths with dots", () => {
    const schema = z.object({ data: z.object({ holdout: z.object({ fraction: z.number().max(1) }) }) });
    const parsed = schema.safeParse({ data: { holdout: { fraction: 2 } } });
    expect(Invalid.fromZod((parsed as { error: z.ZodError }).error).problems[0]?.path).toBe("data.holdout.fraction");
  });

  it("maps each error class to its HTTP status", () => {
    expect(new Forbidden("no").status).toBe(403);
    expect(new NotFound("Dataset", "x").status).toBe(404);
    expect(new NotFound("Dataset", "x").message).toBe("Dataset x does not exist.");
  });
});
