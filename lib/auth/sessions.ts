import "server-only";
import { db } from "../db/client";
import type { Principal } from "./principal";

/**
 * Signed-in sessions. The JWT in the cookie carries its UserSession id; a session is good while
 * its row is not revoked and its user is active. What a session may do is read from the user's
 * row (role, company role), so a role change, a deactivation, a password change or reset takes
 * effect within SESSION_CACHE_MS on every instance, with no message between them.
 */
export const SESSION_CACHE_MS = 1000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { principal: Principal | null; at: number }>();

export async function startSession(userId: string, userAgent?: string | null): Promise<string> {
  const row = await db.userSession.create({ data: { userId, userAgent: userAgent?.slice(0, 300) ?? null }, select: { id: true } });
  return row.id;
}

/** The principal behind a session id, or null if it ended or its user was deactivated. */
export async function principalFromSession(sessionId: string): Promise<Principal | null> {
  const hit = cache.get(sessionId);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS) return hit.principal;
  const row = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, companyId: true, companyRole: true, deactivatedAt: true } },
    },
  });
  const u = row?.user;
  const principal: Principal | null =
    !row || row.revokedAt || !u || u.deactivatedAt
      ? null
      : { kind: "session", sessionId, userId: u.id, email: u.email, name: u.name, role: u.role, companyId: u.companyId, companyRole: u.companyRole };
  if (row && principal && Date.now() - row.lastSeenAt.getTime() > 60_000) {
    // At most once a minute: no write per request.
    await db.userSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } }).catch(() => undefined);
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(sessionId, { principal, at: Date.now() });
  return principal;
}

/** End a user's sessions (all, or all but the one making the change); returns how many ended. */
export async function endSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
  const r = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(opts.except ? { id: { not: opts.except } } : {}) },
    data: { revokedAt: new Date() },
  });
  for (const [id, v] of cache) if (v.principal?.userId === userId && id !== opts.except) cache.delete(id);
  return r.count;
}

export async function endSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  cache.delete(sessionId);
}

/** Tests that rebuild the database between cases. */
export function clearSessionCache() {
  cache.clear();
}
