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

  async recordFailure(supplierId: string, now = Date.now()) {
    const k = key(supplierId);
    const failures = await this.redis.hincrby(k, "failures", 1);
    const opened = await this.redis.hget(k, "openedAt");
    // Open on reaching the threshold, and re-open (new cooldown) when a half-open probe fails.
    if (failures >= this.opts.threshold && (!opened || now - Number(opened) >= this.opts.cooldownMs)) {
      await this.redis.hset(k, "openedAt", String(now));
      await this.redis.del(`${k}:probe`);
    }
    await this.redis.pexpire(k, 24 * 3600 * 1000);
  }

  async reset(supplierId: string) {
    await this.redis.del(key(supplierId), `${key(supplierId)}:probe`);
  }
}
