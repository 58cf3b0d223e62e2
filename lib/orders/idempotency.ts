import "server-only";
import { db, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

/** How long a key's answer is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
const TTL_MS = IDEMPOTENCY_TTL_MS;

export type StoredResponse = { status: number; body: unknown };

/**
 * The stored response for this key, or null. Same key with another body is a
 * 409 idempotency_conflict.
 */
export async function findIdempotentResponse(scope: string, key: string, hash: string): Promise<StoredResponse | null> {
  const row = await db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
  return row ? storedAnswer({ hash: row.requestHash, status: row.responseStatus, body: row.responseBody, expiresAt: row.expiresAt }, hash) : null;
}

/** A stored row's answer for a request with this body hash: null once expired, 409 for another body. */
export function storedAnswer(row: { hash: string; status: number; body: unknown; expiresAt: Date }, hash: string): StoredResponse | null {
  if (row.expiresAt < new Date()) return null;
  if (row.hash !== hash) throw new AppError("idempotency_conflict", "This Idempotency-Key was used with a different request body");
  return { status: row.status, body: row.body };
}

/** Save a response under the key (inside the order's transaction for 201s). */
export async function saveIdempotentResponse(
  client: Tx | typeof db,
  input: { scope: string; key: string; hash: string; status: number; body: unknown; orderId?: string },
) {
  // A live row with the same key makes the insert fail with a unique
  // violation, which the caller turns into a replay (expired rows are pruned
  // by the worker; see deleteExpiredKey for the rare one not yet pruned).
  await client.idempotencyKey.create({
    data: {
      scope: input.scope,
      key: input.key,
      requestHash: input.hash,
      responseStatus: input.status,
      responseBody: input.body as Prisma.InputJsonValue,
      orderId: input.orderId ?? null,
      expiresAt: new Date(Date.now() + TTL_MS),
    },
  });
}

export async function pruneIdempotencyKeys() {
  return (await db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: new Date() } } })).count;
}

/** Remove an expired row for this key so it can be used again. */
export async function deleteExpiredKey(scope: string, key: string) {
  const r = await db.idempotencyKey.deleteMany({ where: { scope, key, expiresAt: { lt: new Date() } } });
  return r.count > 0;
}
