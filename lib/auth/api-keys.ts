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

/**
 * How long this process trusts what it read about a key. Short, so a revoked
 * key (or a user or company change) stops working within a second on every
 * instance without any message between them; long enough that a client
 * sending many requests a second costs one lookup per second, not one each.
 */
export const API_KEY_CACHE_MS = 1000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { principal: Principal | null; at: number }>();

/** The principal behind a bearer key, or null if unknown or revoked. */
export async function principalFromApiKey(key: string): Promise<Principal | null> {
  if (key.length < 16 || key.length > 200) return null;
  const hash = hashApiKey(key);
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < API_KEY_CACHE_MS) return hit.principal;
  const principal = await lookUp(hash);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(hash, { principal, at: Date.now() });
  return principal;
}

async function lookUp(hash: string): Promise<Principal | null> {
  const row = await db.apiKey.findUnique({
    where: { hash },
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

/** Forget every cached key (tests that rebuild the database between cases). */
export function clearApiKeyCache() {
  cache.clear();
}
