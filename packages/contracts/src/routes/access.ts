import { z } from "zod";
import {
  ApiTokenSchema,
  CreateApiTokenRequestSchema,
  CreatedApiTokenSchema,
  CreateUserRequestSchema,
  SignInRequestSchema,
  UpdateUserRequestSchema,
  UserSchema,
} from "../api/auth.ts";
import { IdParamSchema } from "../api/common.ts";
import { declareRoute } from "./declare.ts";

export const authRoutes = {
  signIn: declareRoute({
    method: "POST",
    path: "/api/v1/auth/sign-in",
    summary: "Sign in to the dashboard (sets a session cookie)",
    access: "public",
    body: SignInRequestSchema,
    status: 200,
    response: UserSchema,
    errors: { 429: "Too many failed attempts for this account or address; wait Retry-After seconds" },
  }),
  signOut: declareRoute({
    method: "POST",
    path: "/api/v1/auth/sign-out",
    summary: "End the dashboard session, on the server too",
    access: "public",
    status: 204,
    description: "Signed out",
  }),
  me: declareRoute({
    method: "GET",
    path: "/api/v1/me",
    summary: "The caller",
    access: "read",
    status: 200,
    response: UserSchema,
  }),
};

export const userRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/users",
    summary: "List users (admin)",
    access: "users:manage",
    status: 200,
    response: z.object({ items: z.array(UserSchema) }),
  }),
  create: declareRoute({
    method: "POST",
    path: "/api/v1/users",
    summary: "Create a user (admin)",
    access: "users:manage",
    body: CreateUserRequestSchema,
    status: 201,
    response: UserSchema,
    errors: { 409: "Email taken" },
  }),
  update: declareRoute({
    method: "PATCH",
    path: "/api/v1/users/{id}",
    summary: "Change a user's role or disable the account, ending all its sessions (admin)",
    access: "users:manage",
    params: IdParamSchema,
    body: UpdateUserRequestSchema,
    status: 200,
    response: UserSchema,
    errors: { 404: "No such user", 409: "Your own account" },
  }),
};

export const tokenRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/tokens",
    summary: "The caller's API tokens",
    access: "tokens:manage-own",
    status: 200,
    response: z.object({ items: z.array(ApiTokenSchema) }),
  }),
  create: declareRoute({
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token for the caller; the secret is in this response only",
    access: "tokens:manage-own",
    body: CreateApiTokenRequestSchema,
    status: 201,
    response: CreatedApiTokenSchema,
  }),
  revoke: declareRoute({
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke one of the caller's API tokens",
    access: "tokens:manage-own",
    params: IdParamSchema,
    status: 204,
    description: "Revoked",
    errors: { 404: "No such token" },
  }),
};
