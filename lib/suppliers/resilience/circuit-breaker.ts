import "server-only";
import type { Redis } from "ioredis";

/**
 * A circuit breaker per supplier, in Redis so every worker sees the same
 * state: after `threshold` consecutive failures (5xx, timeouts, network) the
 * circuit opens and calls fail fast; after `cooldownMs` one probe is let
 * through (half-open); its success closes the circuit, its failure re-opens it.
 */
export type BreakerState = "closed" | "open" | "half_open";
export type BreakerStatus = { state: BreakerState; failures: number; openedAt: number | null; retryInMs: number };

export type BreakerOptions = { threshold: number; cooldownMs: number };
export const DEFAULT_BREAKER: BreakerOptions = { threshold: 5, cooldownMs: 30_000 };

export const breakerKey = (id: string) => `supplier:cb:${id}`;
const key = breakerKey;

const RECORD_FAILURE = `
local k, probe = KEYS[1], KEYS[2]
local now, threshold, cooldown = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local failures = redis.call('HINCRBY', k, 'failures', 1)
local opened = redis.call('HGET', k, 'openedAt')
local did = 0
if failures >= threshold and ((not opened) or now - tonumber(opened) >= cooldown) then
  redis.call('HSET', k, 'openedAt', tostring(now))
  redis.call('DEL', probe)
  did = 1
end
redis.call('PEXPIRE', k, 86400000)
return {did, failures}
`;

export class CircuitBreaker {
  constructor(
    private readonly redis: Redis,
    readonly opts: BreakerOptions = DEFAULT_BREAKER,
  ) {}

  async status(supplierId: string, now = Date.now()): Promise<BreakerStatus> {
    const h = await this.redis.hgetall(key(supplierId));
    const failures = Number(h.failures ?? 0);
    const openedAt = h.openedAt ? Number(h.openedAt) : null;
    if (openedAt === null) return { state: "closed", failures, openedAt, retryInMs: 0 };
    const retryInMs = Math.max(0, openedAt + this.opts.cooldownMs - now);
    return { state: retryInMs > 0 ? "open" : "half_open", failures, openedAt, retryInMs };
  }

  /**
   * May a call go now? Closed: yes. Open: no (with the wait). Half-open: only
   * the one caller that wins the probe lock.
   */
  async allow(supplierId: string, now = Date.now()): Promise<{ ok: true; probe: boolean } | { ok: false; retryInMs: number }> {
    const s = await this.status(supplierId, now);
    if (s.state === "closed") return { ok: true, probe: false };
    if (s.state === "open") return { ok: false, retryInMs: s.retryInMs };
    const won = await this.redis.set(`${key(supplierId)}:probe`, String(now), "PX", Math.max(1000, Math.min(this.opts.cooldownMs, 15_000)), "NX");
    return won ? { ok: true, probe: true } : { ok: false, retryInMs: 1000 };
  }

  async recordSuccess(supplierId: string) {
    // Cheap when already closed: only a failure streak or an open circuit needs clearing.
    const exists = await this.redis.exists(key(supplierId));
    if (exists) await this.redis.del(key(supplierId), `${key(supplierId)}:probe`);
  }

  /**
   * One failure more. Open on reaching the threshold, and re-open (new cooldown) when a half-open
   * probe fails: in one script, so of many workers failing at once exactly one opens it, and
   * `opened` tells that one to record the opening (lib/suppliers/resilience/guard.ts).
   */
  async recordFailure(supplierId: string, now = Date.now()): Promise<{ opened: boolean; failures: number }> {
    const k = key(supplierId);
    const [opened, failures] = (await this.redis.eval(RECORD_FAILURE, 2, k, `${k}:probe`, now, this.opts.threshold, this.opts.cooldownMs)) as [number, number];
    return { opened: Number(opened) === 1, failures: Number(failures) };
  }

  async reset(supplierId: string) {
    await this.redis.del(key(supplierId), `${key(supplierId)}:probe`);
  }
}
