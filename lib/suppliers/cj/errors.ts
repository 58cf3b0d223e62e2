import { SupplierError } from "../types";

/**
 * CJ's error codes (docs/suppliers.md (CJ)) → SupplierError. CJ answers most errors
 * with HTTP 200 and a `code` in the envelope, so the client checks `code` on
 * every answer and maps here; messages are shown to ops but never matched on.
 *
 * Decisions:
 * - 1600001 invalid token is transient: the client refreshes and repeats the
 *   call once itself; if that still fails the worker's retry will try again.
 * - 1600201 quota used up is transient with a one-hour retryAfterMs. Nothing is
 *   wrong with the order, and CJ's quota resets; failing it at once would need
 *   an ops retry for every order placed while the quota was gone. The worker
 *   caps the wait at its own maximum, so once its attempts run out the order
 *   lands in `failed` with this code and ops can retry after the reset.
 * - 1603003 duplicate orderNumber is permanent here; createOrder catches it and
 *   reads the existing order back instead (it means an earlier try got through).
 * - A code we do not know is transient: every CJ call we make is safe to repeat
 *   (creation is idempotent by orderNumber), and a permanent error could fail an
 *   order CJ accepted. If it persists, retries run out and ops see the code.
 */
export const CJ_CODES = {
  OK: 200,
  INVALID_TOKEN: 1600001,
  INVALID_REFRESH_TOKEN: 1600003,
  TOO_MANY_REQUESTS: 1600200,
  QUOTA_USED_UP: 1600201,
  PARAM_ERROR: 1600300,
  VARIANT_NOT_FOUND: 1602000,
  PRODUCT_NOT_FOUND: 1602001,
  ORDER_CREATE_FAILED: 1603000,
  DUPLICATE_ORDER_NUMBER: 1603003,
  ORDER_NOT_FOUND: 1603100,
  INSUFFICIENT_BALANCE: 1604000,
  INVALID_LOGISTIC: 1605001,
} as const;

export const QPS_RETRY_AFTER_MS = 1000;
export const QUOTA_RETRY_AFTER_MS = 60 * 60 * 1000;

type Rule = { code: string; kind: "transient" | "permanent"; summary: string; retryAfterMs?: number };

export const CJ_ERROR_RULES: Record<number, Rule> = {
  [CJ_CODES.INVALID_TOKEN]: { code: "invalid_token", kind: "transient", summary: "invalid or expired access token" },
  [CJ_CODES.INVALID_REFRESH_TOKEN]: { code: "invalid_refresh_token", kind: "transient", summary: "invalid refresh token; re-authenticating" },
  [CJ_CODES.TOO_MANY_REQUESTS]: { code: "rate_limited", kind: "transient", summary: "too many requests (per-account QPS)", retryAfterMs: QPS_RETRY_AFTER_MS },
  [CJ_CODES.QUOTA_USED_UP]: {
    code: "quota_exhausted",
    kind: "transient",
    summary: "CJ API quota used up; calls resume when it resets",
    retryAfterMs: QUOTA_RETRY_AFTER_MS,
  },
  [CJ_CODES.PARAM_ERROR]: { code: "invalid_params", kind: "permanent", summary: "CJ rejected the request parameters" },
  [CJ_CODES.VARIANT_NOT_FOUND]: { code: "variant_not_found", kind: "permanent", summary: "CJ variant (vid) not found" },
  [CJ_CODES.PRODUCT_NOT_FOUND]: { code: "product_not_found", kind: "permanent", summary: "CJ product not found" },
  [CJ_CODES.ORDER_CREATE_FAILED]: { code: "order_create_failed", kind: "permanent", summary: "CJ could not create the order" },
  [CJ_CODES.DUPLICATE_ORDER_NUMBER]: { code: "duplicate_order_number", kind: "permanent", summary: "an order with this orderNumber exists at CJ" },
  [CJ_CODES.ORDER_NOT_FOUND]: { code: "order_not_found", kind: "permanent", summary: "CJ order not found" },
  [CJ_CODES.INSUFFICIENT_BALANCE]: {
    code: "insufficient_balance",
    kind: "permanent",
    summary: "CJ account balance too low to pay the order: top up the CJ wallet, then retry the order from ops",
  },
  [CJ_CODES.INVALID_LOGISTIC]: { code: "invalid_logistic", kind: "permanent", summary: "CJ rejected the shipping method (logisticName)" },
};

/** The SupplierError for a CJ envelope whose code is not 200. */
export function cjError(operation: string, cjCode: number, message?: string | null, status?: number): SupplierError {
  const rule = CJ_ERROR_RULES[cjCode];
  const detail = message ? `: ${message.slice(0, 200)}` : "";
  if (!rule) {
    return new SupplierError(`${operation}: CJ code ${cjCode}${detail}`, "transient", { status, code: `cj_${cjCode}` });
  }
  return new SupplierError(`${operation}: CJ ${cjCode} ${rule.summary}${detail}`, rule.kind, {
    status,
    code: rule.code,
    ...(rule.retryAfterMs ? { retryAfterMs: rule.retryAfterMs } : {}),
  });
}

/** Our code for a CJ number, to test an error without caring about its message. */
export function cjCodeName(cjCode: number): string {
  return CJ_ERROR_RULES[cjCode]?.code ?? `cj_${cjCode}`;
}

export function isCjError(err: unknown, cjCode: number): err is SupplierError {
  return err instanceof SupplierError && err.details.code === cjCodeName(cjCode);
}
