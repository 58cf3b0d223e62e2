import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "../db/client";
import type { Principal } from "./principal";
import type { ApiScope } from "./permissions";

export const LIVE_PREFIX = "pk_live_";
export const TEST_PREFIX = "pk_test_";
export const DEFAULT_SCOPES: readonly ApiScope[] = ["orders:write", "orders:read", "catalog:read"];

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** A new plain key: the prefix says live or test, then 32 random bytes. */
export const newPlainKey = (mode: "live" | "test") => (mode === "test" ? TEST_PREFIX : LIVE_PREFIX) + randomBytes(32).toString("base64url");

/** Mint a key: the plain key is returned once; only its hash is stored. */
export async function createApiKey(
  input: {
    companyId: string;
    userId: string;
    name: string;
    plain?: string;
    scopes?: readonly ApiScope[];
    mode?: "live" | "test";
    rolledFromId?: string;
  },
  client: Pick<Tx, "apiKey"> = db,
) {
  const mode = input.mode ?? "live";
  const plain = input.plain ?? newPlainKey(mode);
  const row = await client.apiKey.create({
    data: {
      name: input.name,
      prefix: plain.slice(0, 12),
      hash: hashApiKey(plain),
      companyId: input.companyId,
      userId: input.userId,
      scopes: [...(input.scopes ?? DEFAULT_SCOPES)],
      mode,
      rolledFromId: input.rolledFromId ?? null,
    },
    select: { id: true, prefix: true, name: true, scopes: true, mode: true, createdAt: true },
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
const cache = new Map<string, { principal: Principal | null; at: number; expiresAt: number | null }>();

/** The principal behind a bearer key, or null if unknown, revoked or past its roll's grace period. */
export async function principalFromApiKey(key: string): Promise<Principal | null> {
  if (key.length < 16 || key.length > 200) return null;
  const hash = hashApiKey(key);
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < API_KEY_CACHE_MS) return hit.expiresAt !== null && hit.expiresAt <= Date.now() ? null : hit.principal;
  const found = await lookUp(hash);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(hash, { principal: found?.principal ?? null, at: Date.now(), expiresAt: found?.expiresAt ?? null });
  return found && (found.expiresAt === null || found.expiresAt > Date.now()) ? found.principal : null;
}

/** One indexed read (the hash is unique): no password hashing per request. */
async function lookUp(hash: string): Promise<{ principal: Principal; expiresAt: number | null } | null> {
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      companyId: true,
      scopes: true,
      user: { select: { id: true, email: true, name: true, companyRole: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  // Touch lastUsedAt at most once a minute: no write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return {
    expiresAt: row.expiresAt?.getTime() ?? null,
    principal: {
      kind: "api_key",
      apiKeyId: row.id,
      userId: row.user.id,
      email: row.user.email,
      name: row.user.name,
      role: "reseller",
      companyId: row.companyId,
      companyRole: row.user.companyRole,
      scopes: row.scopes,
    },
  };
}

/** Forget every cached key (tests that rebuild the database between cases). */
export function clearApiKeyCache() {
  cache.clear();
}
