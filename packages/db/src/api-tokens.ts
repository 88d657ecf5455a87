// API tokens for the REST API and the CLI: a random secret shown once; only its SHA-256 is stored.
// (A fast hash is right here: the secret has 192 random bits, so there is nothing to brute-force.)
import { createHash, randomBytes } from "node:crypto";
import { type ApiTokenDto, type CreateApiTokenRequest, DEFAULT_TOKEN_DAYS, NotFound, TOKENS_CHANNEL } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db } from "./client.ts";
import type { ApiToken, User } from "./generated/prisma/client.ts";

const TOKEN_PREFIX = "rh_";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function toApiTokenDto(t: ApiToken): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
  };
}

/** A user's tokens, newest first, revoked and expired ones included (they say so). */
export async function listApiTokens(client: Db, userId: string): Promise<ApiTokenDto[]> {
  return (await client.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } })).map(toApiTokenDto);
}

export async function createApiToken(
  client: Db,
  ctx: RequestContext,
  userId: string,
  input: CreateApiTokenRequest,
): Promise<{ token: string; record: ApiToken }> {
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  const expiresAt = days === "never" ? null : new Date(Date.now() + days * 86_400_000);
  const record = await client.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId, name: input.name, prefix: token.slice(0, 10), tokenHash: sha256(token), expiresAt },
    });
    await audit(tx, ctx, { action: "api-token.create", entityType: "api-token", entityId: created.id, after: toApiTokenDto(created) });
    return created;
  });
  return { token, record };
}

export async function revokeApiToken(client: Db, ctx: RequestContext, userId: string, tokenId: string): Promise<void> {
  await client.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId } });
    if (!token) throw new NotFound("API token", tokenId);
    if (token.revokedAt) return;
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    // Servers that remember tokens (the predict fast paths) forget them at once, at commit.
    await tx.$executeRawUnsafe(`SELECT pg_notify('${TOKENS_CHANNEL}', '')`);
    await audit(tx, ctx, {
      action: "api-token.revoke",
      entityType: "api-token",
      entityId: tokenId,
      before: toApiTokenDto(token),
      after: toApiTokenDto(revoked),
    });
  });
}

/** The token's owner when the token is valid (not revoked, not expired, owner enabled), else null. */
export async function userForApiToken(client: Db, token: string): Promise<User | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const found = await client.apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!found || found.revokedAt || found.user.disabledAt) return null;
  if (found.expiresAt && found.expiresAt.getTime() < Date.now()) return null;
  // Touch at most once a minute: a busy CLI should not write on every request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await client.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return found.user;
}
