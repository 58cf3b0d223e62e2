import "server-only";
import { redis } from "../../redis";
import { SupplierError, type CallObserver, type SupplierConfig } from "../types";
import { CircuitBreaker } from "./circuit-breaker";
import { env } from "../../env";
import { SupplierRateLimiter } from "./rate-limiter";

const g = globalThis as unknown as { supplierLimiter?: SupplierRateLimiter; supplierBreaker?: CircuitBreaker };

export function breaker() {
  return (g.supplierBreaker ??= new CircuitBreaker(redis, {
    threshold: env().SUPPLIER_BREAKER_THRESHOLD,
    cooldownMs: env().SUPPLIER_BREAKER_COOLDOWN_MS,
  }));
}

export function limiter() {
  return (g.supplierLimiter ??= new SupplierRateLimiter(redis, env().SUPPLIER_RATE_WINDOW_MS));
}

/**
 * Wrap a call observer with the supplier's resilience: before each request,
 * refuse fast while the circuit is open and wait for a rate-limit slot; after
 * it, feed the breaker (only failures that say "the supplier is unwell" count:
 * timeouts, network errors, 5xx, 429; a 4xx answer proves it is up).
 */
export function guardObserver(config: SupplierConfig, inner?: CallObserver): CallObserver {
  const observer: CallObserver = async (call) => {
    const unwell = !call.ok && (call.statusCode === null || call.statusCode >= 500 || call.statusCode === 429);
    if (unwell) await breaker().recordFailure(config.id);
    else await breaker().recordSuccess(config.id);
    await inner?.(call);
  };
  observer.before = async (operation) => {
    const allowed = await breaker().allow(config.id);
    if (!allowed.ok) {
      throw new SupplierError(`${operation}: circuit open for ${config.slug}, not calling it for ${Math.ceil(allowed.retryInMs / 1000)} s`, "transient", {
        code: "circuit_open",
        retryAfterMs: allowed.retryInMs,
      });
    }
    await limiter().acquire(config.id, config.rateLimitPerSec);
    await inner?.before?.(operation);
  };
  return observer;
}
