import "server-only";
import { log } from "../../logger";
import { tokenCacheKey, type StoredToken, type TokenStore } from "./token-store";

/**
 * The WesellCellular login session (assumed contract, docs/suppliers.md (WesellCellular)):
 * POST /auth/login { email, password } → { token, expiresIn }. One token is
 * reused until shortly before it expires; concurrent callers in this process
 * share one login (single flight), other processes share it through the
 * store. A store that fails (Redis down) only costs an extra login: it never
 * fails the supplier call. Neither the password nor the token is ever logged.
 */
export type SessionOptions = {
  baseUrl: string;
  email: string;
  store: TokenStore;
  /** Performs the HTTP login; returns the token and its lifetime in ms. */
  login: () => Promise<{ token: string; ttlMs: number }>;
  now?: () => number;
};

/** Stop using a token this long before WSC says it expires (at most 30 s, at most 10 % of its life). */
export function refreshMargin(ttlMs: number): number {
  return Math.min(30_000, Math.floor(ttlMs * 0.1));
}

export class WscSession {
  private current: StoredToken | null = null;
  private inflight: Promise<string> | null = null;
  private readonly key: string;
  private readonly now: () => number;

  constructor(private readonly opts: SessionOptions) {
    this.key = tokenCacheKey(opts.baseUrl, opts.email);
    this.now = opts.now ?? Date.now;
  }

  /** A token believed valid: this process's, else the shared one, else a fresh login. */
  async token(): Promise<string> {
    if (this.fresh(this.current)) return this.current.token;
    const shared = await this.readStore();
    if (this.fresh(shared)) {
      this.current = shared;
      return shared.token;
    }
    return this.login();
  }

  /**
   * WSC answered 401 to `rejected`: log in again, unless another caller (here
   * or in another process) already replaced it with a token we have not tried.
   */
  async renew(rejected: string): Promise<string> {
    if (this.fresh(this.current) && this.current.token !== rejected) return this.current.token;
    this.current = null;
    const shared = await this.readStore();
    if (this.fresh(shared) && shared.token !== rejected) {
      this.current = shared;
      return shared.token;
    }
    return this.login();
  }

  private login(): Promise<string> {
    this.inflight ??= (async () => {
      try {
        const { token, ttlMs } = await this.opts.login();
        const entry = { token, expiresAt: this.now() + ttlMs - refreshMargin(ttlMs) };
        this.current = entry;
        await this.writeStore(entry);
        return token;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  private fresh(t: StoredToken | null): t is StoredToken {
    return t !== null && t.expiresAt > this.now();
  }

  private async readStore(): Promise<StoredToken | null> {
    try {
      return await this.opts.store.get(this.key);
    } catch (err) {
      log.warn("wesellcellular token cache unavailable; logging in", { error: err instanceof Error ? err.message : String(err) });
      return null;
    }
  }

  private async writeStore(entry: StoredToken): Promise<void> {
    try {
      await this.opts.store.set(this.key, entry);
    } catch (err) {
      log.warn("wesellcellular token cache write failed", { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
