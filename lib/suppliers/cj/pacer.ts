import "server-only";
import { log } from "../../logger";
import { SupplierError } from "../types";
import type { CjAccountState } from "./account-state";
import { CJ_CODES, CJ_ERROR_RULES, isCjError } from "./errors";

/**
 * Keeps one CJ account under its QPS across the whole fleet (docs/suppliers.md (CJ):
 * per-account QPS by tier, Free 1, Plus 2, Prime 4, Advanced 6, as
 * GET /setting/get tells).
 *
 * - The limit is min(the account's QPS from /setting/get, the configured rate
 *   (credentials.qps or the supplier's rateLimitPerSec)). The account's QPS is
 *   cached in the shared CjAccountState for 24 h, so it is re-read daily, and
 *   dropped early when 1600200 comes back repeatedly (3 within a minute), in
 *   case the tier changed. Until it is known, /setting/get itself goes out at
 *   1 request per window (the lowest tier), so asking cannot trip the limit.
 * - Every API call takes a slot in the shared sliding window first (auth calls
 *   do not: CJ limits those on their own, see auth.ts). A call that would wait
 *   longer than `maxWaitMs` for one is held back as a transient "rate_limited"
 *   SupplierError: the caller waits (the forwarding job defers without spending
 *   an attempt) instead of hanging.
 * - A 1600200 that still happens (another app on the account, a tier
 *   downgrade) comes back as "rate_limited" with a retryAfterMs that grows with
 *   the account's run of consecutive 1600200s: 1 s, 2 s, 4 s … capped at 60 s,
 *   each ±25 % jitter, so workers that met the limit together spread out.
 *   Any other CJ answer ends the run.
 *
 * Shared state failing (Redis down) never fails a call: pacing is then skipped
 * and CJ's own 1600200 (with the backoff) is the limit.
 */
export const CJ_QPS_TTL_MS = 24 * 60 * 60 * 1000;
export const CJ_BACKOFF_BASE_MS = 1000;
export const CJ_BACKOFF_CAP_MS = 60_000;
/** This many 1600200s within CJ_RATE_LIMIT_WINDOW_MS re-read the account's QPS. */
export const CJ_REFRESH_AFTER_RATE_LIMITS = 3;
export const CJ_MAX_PACE_WAIT_MS = 30_000;
/** How long this process trusts the QPS it last read before reading the shared cache again. */
const LOCAL_MEMO_MS = 10_000;
/** After /setting/get failed, or answered without a QPS, do not ask again for this long. */
const SETTINGS_RETRY_MS = 60_000;
const SETTINGS_NO_FIELD_MS = 10 * 60_000;
/** Until the account's QPS is known, /setting/get goes out at the lowest tier's rate. */
const SETTINGS_PACE_QPS = 1;

/** The wait after the `streak`-th consecutive 1600200: 1 s, 2 s, 4 s … ≤ 60 s, ±25 % jitter. */
export function cjBackoffMs(streak: number, random: () => number = Math.random): number {
  const base = Math.min(CJ_BACKOFF_CAP_MS, CJ_BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(30, streak - 1)));
  return Math.min(CJ_BACKOFF_CAP_MS, Math.max(1, Math.round(base * (0.75 + 0.5 * random()))));
}

/** The CJ codes that prove CJ admitted the call (it answered about the request, not the rate). */
const ADMITTED = new Set(
  Object.entries(CJ_ERROR_RULES)
    .filter(([n]) => Number(n) !== CJ_CODES.TOO_MANY_REQUESTS && Number(n) !== CJ_CODES.QUOTA_USED_UP)
    .map(([, r]) => r.code),
);

/**
 * What one process knows of an account between adapters (the worker builds an
 * adapter per job): the QPS it last read, the /setting/get in flight, whether
 * it met a 1600200 lately. Keyed by `processKey` (cjAccountKey); a pacer
 * without one keeps its own.
 */
type Local = { memo: { qps: number | null; until: number } | null; inflight: Promise<number | null> | null; streakSeen: boolean };
const locals = new Map<string, Local>();
const newLocal = (): Local => ({ memo: null, inflight: null, streakSeen: false });

export type CjPacerOptions = {
  state: CjAccountState;
  /** Shares this process's memo of the account across pacers (the adapter passes cjAccountKey). */
  processKey?: string;
  /** The configured rate (0 or less: none; then only the account's QPS counts). */
  configuredQps: number;
  /** Asks CJ (GET /setting/get); null when CJ did not say. Called at most once at a time per process. */
  fetchQps: () => Promise<number | null>;
  maxWaitMs?: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export class CjPacer {
  /** memo, inflight /setting/get, and streakSeen (this process met a 1600200 lately: a success clears the shared run, else it expires). */
  private readonly local: Local;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: CjPacerOptions) {
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxWaitMs = opts.maxWaitMs ?? CJ_MAX_PACE_WAIT_MS;
    if (opts.processKey === undefined) this.local = newLocal();
    else {
      const known = locals.get(opts.processKey) ?? newLocal();
      locals.set(opts.processKey, known);
      this.local = known;
    }
  }

  /** The account's QPS as CJ told it (cached), or null when unknown. */
  async accountQps(): Promise<number | null> {
    if (this.local.memo && this.local.memo.until > this.now()) return this.local.memo.qps;
    const cached = await this.opts.state.readQps().catch((err: unknown) => {
      log.warn("cj: could not read the cached account QPS", { error: (err as Error)?.message });
      return undefined;
    });
    if (cached) {
      this.local.memo = { qps: cached, until: this.now() + LOCAL_MEMO_MS };
      return cached;
    }
    if (cached === undefined && this.local.memo) return this.local.memo.qps;
    return (this.local.inflight ??= this.discover().finally(() => (this.local.inflight = null)));
  }

  private async discover(): Promise<number | null> {
    let qps: number | null;
    try {
      qps = await this.opts.fetchQps();
    } catch (err) {
      log.warn("cj: GET /setting/get failed; pacing at the configured rate", { error: (err as Error)?.message, configured: this.opts.configuredQps });
      this.local.memo = { qps: null, until: this.now() + SETTINGS_RETRY_MS };
      return null;
    }
    if (qps === null) {
      log.warn("cj: /setting/get told no QPS limit; pacing at the configured rate", { configured: this.opts.configuredQps });
      this.local.memo = { qps: null, until: this.now() + SETTINGS_NO_FIELD_MS };
      return null;
    }
    this.local.memo = { qps, until: this.now() + LOCAL_MEMO_MS };
    await this.opts.state.saveQps(qps, CJ_QPS_TTL_MS).catch(() => undefined);
    return qps;
  }

  /** min(account QPS, configured); Infinity when neither says. */
  async limit(): Promise<number> {
    const account = await this.accountQps();
    const configured = this.opts.configuredQps > 0 ? this.opts.configuredQps : Infinity;
    const qps = Math.min(account ?? Infinity, configured);
    return Number.isFinite(qps) ? Math.max(1, Math.floor(qps)) : Infinity;
  }

  /** Wait for this account's next request slot, fleet-wide. `settings`: the /setting/get call itself. */
  async slot(operation: string, o: { settings?: boolean } = {}): Promise<void> {
    const limit = o.settings ? SETTINGS_PACE_QPS : await this.limit();
    if (!Number.isFinite(limit)) return;
    const started = this.now();
    for (;;) {
      let wait: number;
      try {
        wait = await this.opts.state.takeSlot(limit);
      } catch (err) {
        log.warn("cj: pacing unavailable; calling unpaced", { operation, error: (err as Error)?.message });
        return;
      }
      if (wait <= 0) return;
      if (this.now() - started + wait > this.maxWaitMs) {
        throw new SupplierError(`${operation}: CJ account at its ${limit}/s; held back (no request slot within ${this.maxWaitMs} ms)`, "transient", {
          code: "rate_limited",
          retryAfterMs: wait + Math.floor(this.random() * 1000),
        });
      }
      // A little jitter so waiting workers do not all try on the same millisecond.
      await this.sleep(wait + Math.floor(this.random() * 20));
    }
  }

  /** After a call: a 1600200 gets its growing retryAfterMs; any other CJ answer ends the run. */
  async settle(err: unknown): Promise<unknown> {
    if (isCjError(err, CJ_CODES.TOO_MANY_REQUESTS)) {
      this.local.streakSeen = true;
      const { streak, recent } = await this.opts.state.noteRateLimited().catch(() => ({ streak: 1, recent: 1 }));
      if (recent === CJ_REFRESH_AFTER_RATE_LIMITS) {
        // Repeated 1600200 at the pace we keep: the tier may have changed. Ask CJ again.
        log.warn("cj: repeated 1600200; re-reading the account QPS", { recent });
        this.local.memo = null;
        await this.opts.state.forgetQps().catch(() => undefined);
      }
      return new SupplierError(err.message, "transient", { ...err.details, retryAfterMs: cjBackoffMs(streak, this.random) });
    }
    const admitted = err === null || (err instanceof SupplierError && (ADMITTED.has(err.details.code ?? "") || /^cj_\d+$/.test(err.details.code ?? "")));
    if (admitted && this.local.streakSeen) {
      this.local.streakSeen = false;
      await this.opts.state.clearStreak().catch(() => undefined);
    }
    return err;
  }
}
