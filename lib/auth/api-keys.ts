import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";
import type { Principal } from "./principal";

const PREFIX = "pk_live_";

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Mint a key: the plain key is returned once; only its hash is stored. */
export async function createApiKey(input: { companyId: string; userId: string; name: string; plain?: string }) {
  const plain = input.plain ?? PREFIX + randomBytes(24).toString("base64url");
  const row = await db.apiKey.create({
    data: { name: input.name, prefix: plain.slice(0, 12), hash: hashApiKey(plain), companyId: input.companyId, userId: input.userId },
    select: { id: true, prefix: true, name: true, createdAt: true },
  });
  return { ...row, key: plain };
}

/** The principal behind a bearer key, or null if unknown or revoked. */
export async function principalFromApiKey(key: string): Promise<Principal | null> {
  if (key.length < 16 || key.length > 200) return null;
  const row = await db.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    select: { id: true, revokedAt: true, lastUsedAt: true, companyId: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row || row.revokedAt) return null;
  // Touch lastUsedAt at most once a minute: no write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return {
    kind: "api_key",
    apiKeyId: row.id,
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: "reseller",
    companyId: row.companyId,
  };
}
