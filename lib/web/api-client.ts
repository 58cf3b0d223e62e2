/**
 * The one fetch wrapper the browser uses for our API: same-origin (the
 * session cookie goes along), no caching, and every failure normalised to
 * the contract's error shape so components handle one thing.
 */
import type { ApiErrorBody } from "./types";

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody; retryAfter?: number };

export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      ...init,
      headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    // status 0: the request may or may not have reached the server
    return { ok: false, status: 0, error: { code: "network_error", message: "Network problem: check your connection and try again." } };
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const error = (body as { error?: ApiErrorBody } | null)?.error ?? {
    code: res.status === 401 ? "unauthenticated" : "http_error",
    message: `The server answered ${res.status}.`,
  };
  const retry = Number(res.headers.get("Retry-After"));
  return { ok: false, status: res.status, error, ...(retry > 0 ? { retryAfter: retry } : {}) };
}

/** Query string from a record, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** Session ran out in another tab: send the user to sign in and come back here. */
export function redirectToLogin() {
  const here = window.location.pathname + window.location.search;
  // a full load on purpose: the server-rendered header must drop the old session
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(here)}`);
}
