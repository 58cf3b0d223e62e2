import "server-only";
import { log } from "../logger";
import { SupplierError, type CallObserver } from "./types";

/**
 * The one fetch wrapper every supplier client goes through (vercel/commerce
 * style). It owns the per-call timeout, JSON parsing, the CallObserver hook and
 * the mapping of every failure onto SupplierError, so the retry policy in the
 * worker only has to look at `err.transient`.
 *
 * It never logs: headers carry keys, bodies carry addresses. The observer gets
 * the URL with secret-looking query values masked.
 */
export type SupplierFetchOptions = {
  /** "phonex.createOrder": names the call in the call log and metrics. */
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string | URL;
  headers?: Record<string, string>;
  /** Sent as JSON when defined. */
  json?: unknown;
  timeoutMs: number;
  observer?: CallObserver;
  /** Pulls the supplier's error code and message out of an error body. */
  describeError?: (body: unknown) => { code?: string; message?: string };
  /** An extra signal from the caller (shutdown); the timeout applies anyway. */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
};

export type SupplierResponse = { status: number; headers: Headers; body: unknown };

/** 4xx statuses that say "not now" rather than "never": retrying can help. */
const TRANSIENT_4XX = new Set([408, 425, 429]);
const SECRET_PARAM = /key|token|secret|signature|password|auth|sig/i;

export async function supplierFetch(opts: SupplierFetchOptions): Promise<SupplierResponse> {
  // Rate limit and circuit breaker (lib/suppliers/resilience): may wait, or throw before anything is sent.
  await opts.observer?.before?.(opts.operation);
  const started = performance.now();
  const url = String(opts.url);
  let statusCode: number | null = null;
  let failure: SupplierError | undefined;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    const res = await (opts.fetchImpl ?? fetch)(url, {
      method: opts.method,
      headers,
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      signal,
      // A redirect would resend our Authorization header somewhere we did not choose.
      redirect: "manual",
    });
    statusCode = res.status;
    const text = await res.text();
    const { body, parsed } = parseJson(text);

    if (res.ok) {
      // A 2xx we cannot read is usually a proxy or gateway page, not the supplier's
      // answer: transient, so the (idempotent) call is tried again.
      if (!parsed)
        throw new SupplierError(`${opts.operation}: HTTP ${res.status} with a body that is not JSON`, "transient", {
          status: res.status,
          code: "malformed_response",
        });
      return { status: res.status, headers: res.headers, body };
    }
    const { code, message } = (opts.describeError ?? defaultDescribeError)(body);
    const detail = message ? `: ${message.slice(0, 200)}` : "";
    const summary = `${opts.operation}: HTTP ${res.status}${code ? ` ${code}` : ""}${detail}`;
    if (res.status === 429) {
      throw new SupplierError(summary, "transient", {
        status: 429,
        code: code ?? "rate_limited",
        retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
      });
    }
    if (res.status >= 500 || TRANSIENT_4XX.has(res.status)) {
      throw new SupplierError(summary, "transient", { status: res.status, code });
    }
    // 3xx (redirect: manual) and the remaining 4xx: the request is wrong as sent.
    throw new SupplierError(summary, "permanent", { status: res.status, code: code ?? `http_${res.status}` });
  } catch (err) {
    failure = err instanceof SupplierError ? err : fromThrown(err, opts.operation, timeout, opts.timeoutMs);
    throw failure;
  } finally {
    await notify(opts.observer, {
      operation: opts.operation,
      method: opts.method,
      url: redactUrl(url),
      statusCode,
      ok: !failure,
      durationMs: Math.round(performance.now() - started),
      ...(failure ? { error: failure.details.code ?? failure.message } : {}),
    });
  }
}

/** Network errors, timeouts and aborts are all worth another try. */
function fromThrown(err: unknown, operation: string, timeout: AbortSignal, timeoutMs: number): SupplierError {
  if (timeout.aborted || (err instanceof Error && err.name === "TimeoutError")) {
    return new SupplierError(`${operation}: no answer within ${timeoutMs} ms`, "transient", { code: "timeout" });
  }
  if (err instanceof Error && err.name === "AbortError") {
    return new SupplierError(`${operation}: aborted`, "transient", { code: "aborted" });
  }
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  const msg = err instanceof Error ? err.message : String(err);
  // Refused or not resolved: the request never reached the supplier (failover may move the line at once).
  const sysCode = err instanceof Error && err.cause && typeof err.cause === "object" ? String((err.cause as { code?: unknown }).code ?? "") : "";
  const unreachable = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(sysCode);
  return new SupplierError(`${operation}: network error: ${msg}${cause}`, "transient", { code: unreachable ? "unreachable" : "network" });
}

function parseJson(text: string): { body: unknown; parsed: boolean } {
  if (text.trim() === "") return { body: null, parsed: true };
  try {
    return { body: JSON.parse(text) as unknown, parsed: true };
  } catch {
    return { body: undefined, parsed: false };
  }
}

/** `{ error: { code, message } }` (PhoneX) or `{ code, message }` (CJ and friends). */
export function defaultDescribeError(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const inner = b.error && typeof b.error === "object" ? (b.error as Record<string, unknown>) : b;
  const code = typeof inner.code === "string" || typeof inner.code === "number" ? String(inner.code) : undefined;
  const message = typeof inner.message === "string" ? inner.message : undefined;
  return { code, message };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The URL as it may be stored: no userinfo, secret-looking query values masked. */
export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.split("?")[0] ?? "";
  }
  u.username = "";
  u.password = "";
  for (const key of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) u.searchParams.set(key, "[redacted]");
  }
  return u.toString();
}

/** A failing observer (call log down) must not fail the supplier call. */
async function notify(observer: CallObserver | undefined, call: Parameters<CallObserver>[0]) {
  if (!observer) return;
  try {
    await observer(call);
  } catch (err) {
    log.warn("supplier call observer failed", { operation: call.operation, error: err instanceof Error ? err.message : String(err) });
  }
}
