import "server-only";
import { redis } from "../../redis";
import { SupplierError, type CallObserver, type SupplierConfig } from "../types";
import { breakerKey, CircuitBreaker } from "./circuit-breaker";
import { env } from "../../env";
import { rateKey, SupplierRateLimiter } from "./rate-limiter";
import { recordCircuitOpening } from "./record-circuit-opening";

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
 * The breaker's "may a call go?" and the rate limiter's slot in one Redis round
 * trip (the same rules as CircuitBreaker.allow and SupplierRateLimiter.tryAcquire):
 * returns {state, ms, failures}: state 0 = go (a slot is taken), 1 = circuit
 * open (ms until it may be probed), 2 = rate-limited (ms until a slot frees).
 * `failures` tells the caller whether a success has anything to clear.
 */
const ADMIT = `
local cb, probe, rl = KEYS[1], KEYS[2], KEYS[3]
local now, cooldown, probeTtl, window, limit, member = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local failures = tonumber(redis.call('HGET', cb, 'failures') or '0')
local openedAt = redis.call('HGET', cb, 'openedAt')
if openedAt then
  local retry = tonumber(openedAt) + cooldown - now
  if retry > 0 then return {1, retry, failures} end
  if not redis.call('SET', probe, tostring(now), 'PX', probeTtl, 'NX') then return {1, 1000, failures} end
  failures = math.max(failures, 1)
end
redis.call('ZREMRANGEBYSCORE', rl, '-inf', now - window)
if redis.call('ZCARD', rl) < limit then
  redis.call('ZADD', rl, now, member)
  redis.call('PEXPIRE', rl, window * 2)
  return {0, 0, failures}
end
local oldest = redis.call('ZRANGE', rl, 0, 0, 'WITHSCORES')
return {2, math.max(1, tonumber(oldest[2]) + window - now), failures}
`;

async function admit(config: SupplierConfig): Promise<{ state: number; ms: number; failures: number }> {
  const b = breaker();
  const now = Date.now();
  const member = `${now}-${Math.random().toString(36).slice(2)}`;
  const probeTtl = Math.max(1000, Math.min(b.opts.cooldownMs, 15_000));
  const [state, ms, failures] = (await redis.eval(
    ADMIT,
    3,
    breakerKey(config.id),
    `${breakerKey(config.id)}:probe`,
    rateKey(config.id),
    now,
    b.opts.cooldownMs,
    probeTtl,
    limiter().windowMs,
    Math.max(1, config.rateLimitPerSec),
    member,
  )) as [number, number, number];
  return { state: Number(state), ms: Number(ms), failures: Number(failures) };
}

/**
 * Wrap a call observer with the supplier's resilience: before each request,
 * refuse fast while the circuit is open and wait for a rate-limit slot (one
 * Redis round trip when a slot is free); after it, feed the breaker (only
 * failures that say "the supplier is unwell" count: timeouts, network errors,
 * 5xx, 429; a 4xx answer proves it is up). A success costs nothing more when
 * there was no failure streak to clear.
 */
export function guardObserver(config: SupplierConfig, inner?: CallObserver): CallObserver {
  let streak = true; // unknown until the first admission says otherwise
  const observer: CallObserver = async (call) => {
    const unwell = !call.ok && (call.statusCode === null || call.statusCode >= 500 || call.statusCode === 429);
    if (unwell) {
      const { opened, failures } = await breaker().recordFailure(config.id);
      // Each opening is recorded in Postgres, so scorecards count them fleet-wide.
      if (opened) await recordCircuitOpening(config.id, failures);
    } else if (streak) await breaker().recordSuccess(config.id);
    await inner?.(call);
  };
  observer.before = async (operation) => {
    const a = await admit(config);
    if (a.state === 1) {
      throw new SupplierError(`${operation}: circuit open for ${config.slug}, not calling it for ${Math.ceil(a.ms / 1000)} s`, "transient", {
        code: "circuit_open",
        retryAfterMs: a.ms,
      });
    }
    streak = a.failures > 0;
    // No slot in this window: wait for one (the circuit has let us through already).
    if (a.state === 2) await limiter().acquire(config.id, config.rateLimitPerSec);
    await inner?.before?.(operation);
  };
  return observer;
}
