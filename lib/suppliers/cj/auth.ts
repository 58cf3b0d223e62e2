import "server-only";
import { log } from "../../logger";
import { SupplierError } from "../types";
import { CJ_CODES, isCjError } from "./errors";
import { cjRequest, type CjRequestContext } from "./request";
import { cjRefreshDataSchema, cjTokenDataSchema, type CjRefreshData, type CjTokenData } from "./schemas";
import type { CjTokens, CjTokenStore } from "./token-store";

/**
 * The CJ token lifecycle (docs/suppliers.md (CJ)): authenticate once with the API key
 * (POST /authentication/getAccessToken), reuse the access token until it nears
 * expiry, refresh it (POST /authentication/refreshAccessToken) ahead of expiry
 * and when CJ answers 1600001, and authenticate again only when the refresh
 * token is refused (1600003) or expired. CJ limits authentication calls, so
 * getAccessToken is called at most once per `authFloorMs` per account, across
 * processes (the floor lives in the token store).
 */
export const CJ_AUTH_FLOOR_MS = 5 * 60 * 1000;
/** Refresh this long before expiry at most (a 15-day token refreshes a day early). */
const MAX_REFRESH_MARGIN_MS = 24 * 60 * 60 * 1000;
/** A refresh token this close to expiry is not worth trying. */
const REFRESH_SKEW_MS = 5_000;

export type CjAuthOptions = {
  apiKey: string;
  store: CjTokenStore;
  request: CjRequestContext;
  authFloorMs?: number;
  now?: () => number;
};

export class CjAuth {
  private readonly floorMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: CjAuthOptions) {
    this.floorMs = opts.authFloorMs ?? CJ_AUTH_FLOOR_MS;
    this.now = opts.now ?? Date.now;
  }

  /** A usable access token: the cached one, a refreshed one, or a new one. */
  async token(): Promise<string> {
    const cached = await this.opts.store.get();
    if (cached && !this.refreshDue(cached)) return cached.accessToken;
    return this.opts.store.withLock(async () => {
      // Re-read under the lock: another process may have refreshed while we waited.
      const current = await this.opts.store.get();
      if (current && !this.refreshDue(current)) return current.accessToken;
      return (await this.renewLocked(current, true)).accessToken;
    });
  }

  /** CJ refused `rejected` (1600001): refresh, unless someone already replaced it. */
  async renew(rejected: string): Promise<string> {
    return this.opts.store.withLock(async () => {
      const current = await this.opts.store.get();
      if (current && current.accessToken !== rejected && !this.refreshDue(current)) return current.accessToken;
      return (await this.renewLocked(current, false)).accessToken;
    });
  }

  /**
   * Refresh when the refresh token still can; authenticate when it cannot. With
   * `keepOnFailure`, a refresh that fails for a passing reason (network) keeps the
   * current token while it has not expired: it was only refreshing early.
   */
  private async renewLocked(current: CjTokens | null, keepOnFailure: boolean): Promise<CjTokens> {
    if (current && this.now() < current.refreshTokenExpiresAt - REFRESH_SKEW_MS) {
      try {
        return await this.refresh(current);
      } catch (err) {
        const refused = isCjError(err, CJ_CODES.INVALID_REFRESH_TOKEN) || isCjError(err, CJ_CODES.INVALID_TOKEN);
        if (!refused) {
          if (keepOnFailure && this.now() < current.accessTokenExpiresAt) {
            log.warn("cj token refresh failed; using the current token until it expires", { error: (err as Error).message });
            return current;
          }
          throw err;
        }
        log.info("cj refresh token refused; authenticating again");
      }
    }
    return this.authenticate();
  }

  private async refresh(current: CjTokens): Promise<CjTokens> {
    const data: CjRefreshData = await cjRequest(this.opts.request, "cj.refreshAccessToken", cjRefreshDataSchema, {
      method: "POST",
      path: "/authentication/refreshAccessToken",
      json: { refreshToken: current.refreshToken },
    });
    const tokens: CjTokens = {
      accessToken: data.accessToken,
      accessTokenExpiresAt: data.accessTokenExpiryDate,
      refreshToken: data.refreshToken ?? current.refreshToken,
      refreshTokenExpiresAt: data.refreshTokenExpiryDate ?? current.refreshTokenExpiresAt,
      openId: data.openId ?? current.openId,
      obtainedAt: this.now(),
    };
    await this.opts.store.set(tokens);
    return tokens;
  }

  private async authenticate(): Promise<CjTokens> {
    if (!this.opts.apiKey) {
      throw new SupplierError("cj.getAccessToken: no CJ API key configured", "permanent", { code: "not_configured" });
    }
    const last = await this.opts.store.lastAuthAt();
    const since = last === null ? Infinity : this.now() - last;
    if (since < this.floorMs) {
      const waitMs = this.floorMs - since;
      throw new SupplierError(
        `cj.getAccessToken: last called ${Math.round(since / 1000)} s ago; CJ allows one call per ${Math.round(this.floorMs / 1000)} s`,
        "transient",
        { code: "auth_rate_limited", retryAfterMs: waitMs },
      );
    }
    // Noted before the call: CJ counts attempts, failed ones included.
    await this.opts.store.noteAuth(this.now());
    let data: CjTokenData;
    try {
      data = await cjRequest(this.opts.request, "cj.getAccessToken", cjTokenDataSchema, {
        method: "POST",
        path: "/authentication/getAccessToken",
        json: { apiKey: this.opts.apiKey },
      });
    } catch (err) {
      // Refusing the key itself is not a token problem: no refresh or retry can fix it.
      if (isCjError(err, CJ_CODES.INVALID_TOKEN) || isCjError(err, CJ_CODES.PARAM_ERROR)) {
        throw new SupplierError(`cj.getAccessToken: CJ refused the API key (${(err as SupplierError).message})`, "permanent", {
          status: (err as SupplierError).details.status,
          code: "invalid_api_key",
        });
      }
      throw err;
    }
    const tokens: CjTokens = {
      accessToken: data.accessToken,
      accessTokenExpiresAt: data.accessTokenExpiryDate,
      refreshToken: data.refreshToken,
      refreshTokenExpiresAt: data.refreshTokenExpiryDate,
      openId: data.openId,
      obtainedAt: this.now(),
    };
    await this.opts.store.set(tokens);
    return tokens;
  }

  /** Due once within min(24 h, 10 % of the token's lifetime) of expiry. */
  private refreshDue(t: CjTokens): boolean {
    const lifetime = Math.max(0, t.accessTokenExpiresAt - t.obtainedAt);
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 10);
    return this.now() >= t.accessTokenExpiresAt - margin;
  }
}
