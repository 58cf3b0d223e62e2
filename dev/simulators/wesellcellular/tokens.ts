import { randomBytes } from "node:crypto";

/**
 * Session tokens of the simulated WSC login. A token past its lifetime is
 * refused with 401, which is what drives the client's re-login; revokeAll()
 * lets a test end sessions the client still believes valid.
 */
export type TokenCheck = { ok: true } | { ok: false; code: "unauthorized" | "token_expired" };

export function createTokenBook(now: () => number = Date.now) {
  const tokens = new Map<string, number>();
  return {
    issue(ttlMs: number): string {
      const token = `wsc_${randomBytes(16).toString("hex")}`;
      tokens.set(token, now() + ttlMs);
      return token;
    },
    check(authorization: string | null): TokenCheck {
      const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
      const expiresAt = token ? tokens.get(token) : undefined;
      if (!token || expiresAt === undefined) return { ok: false, code: "unauthorized" };
      if (expiresAt <= now()) {
        tokens.delete(token);
        return { ok: false, code: "token_expired" };
      }
      return { ok: true };
    },
    revokeAll() {
      tokens.clear();
    },
    get size() {
      return tokens.size;
    },
  };
}
