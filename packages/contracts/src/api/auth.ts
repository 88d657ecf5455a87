import { z } from "zod";
import { RoleSchema } from "../roles.ts";

export const SignInRequestSchema = z
  .object({
    email: z.email({ error: "Enter an email address like name@example.com" }),
    password: z.string().min(1, { error: "Enter your password" }),
  })
  .meta({ id: "SignInRequest" });
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: RoleSchema,
    createdAt: z.iso.datetime(),
    disabled: z.boolean(),
  })
  .meta({ id: "User" });
export type UserDto = z.infer<typeof UserSchema>;

export const CreateUserRequestSchema = z
  .object({
    email: z.email(),
    name: z.string().trim().min(1).max(120),
    role: RoleSchema,
    password: z.string().min(10, { error: "Use at least 10 characters" }).max(200),
  })
  .meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .strictObject({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional().meta({ description: "true ends all the user's sessions at once." }),
  })
  .meta({ id: "UpdateUserRequest" });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** A token expires after this many days unless the request says otherwise. */
export const DEFAULT_TOKEN_DAYS = 90;

export const CreateApiTokenRequestSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Name the token, e.g. 'laptop CLI'" }).max(80),
    expiresInDays: z
      .union([z.number().int().min(1).max(3650), z.literal("never")])
      .default(DEFAULT_TOKEN_DAYS)
      .meta({ description: `Days until the token stops working (default ${DEFAULT_TOKEN_DAYS}), or "never".` }),
  })
  .meta({ id: "CreateApiTokenRequest" });
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequestSchema>;

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: "ApiToken" });
export type ApiTokenDto = z.infer<typeof ApiTokenSchema>;

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().meta({ description: "The secret; shown once, store it now." }),
}).meta({ id: "CreatedApiToken" });
