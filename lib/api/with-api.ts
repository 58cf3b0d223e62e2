import "server-only";
import { AppError } from "../errors";
import { env } from "../env";
import { principalFromApiKey } from "../auth/api-keys";
import { getSessionPrincipal } from "../auth/session";
import { isStaff, type Principal } from "../auth/principal";
import { requirePermission, type Permission } from "../auth/permissions";
import { clientAddress, hitRateLimit, takeRateLimit, type RateLimitState } from "./rate-limit";
import { ILL_FORMED_MESSAGE, isWellFormedText } from "../wire/well-formed";
import { routeTemplate } from "./request-id";
import { answered, withRequest } from "./answered";
import { errorResponse } from "./error-response";

type Ctx<P> = { req: Request; params: P; principal: Principal };
type Options = {
  staffOnly?: boolean;
  rateLimit?: boolean;
  /** What the caller must be allowed to do (lib/auth/permissions.ts): a key's scope or a user's role. */
  permission?: Permission;
  /** Signed-in users only: no API key (managing users, keys and settings). */
  sessionOnly?: boolean;
};

// The error shape (lib/api/error-response.ts), for routes that answer errors themselves.
export { errorResponse };

/**
 * Where the caller's rate limit stands, on every answer (IETF httpapi RateLimit header fields):
 * RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds until the window resets) and
 * RateLimit-Policy ("600;w=60"), so a client slows down before a 429.
 */
function withRateLimitHeaders(res: Response, s: RateLimitState | null): Response {
  if (!s) return res;
  try {
    res.headers.set("RateLimit-Limit", String(s.limit));
    res.headers.set("RateLimit-Remaining", String(s.remaining));
    res.headers.set("RateLimit-Reset", String(s.resetSec));
    res.headers.set("RateLimit-Policy", `${s.limit};w=${s.windowSec}`);
  } catch {
    // A response with immutable headers (a proxied fetch): sent as it is.
  }
  return res;
}

/** Query strings and path params are client text too: well-formed or 422 naming the field. */
function assertWellFormedRequest(req: Request, params: Record<string, unknown>) {
  const fields: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams)
    if (!isWellFormedText(k) || !isWellFormedText(v)) fields[isWellFormedText(k) ? k : "query"] = ILL_FORMED_MESSAGE;
  for (const [k, v] of Object.entries(params)) if (typeof v === "string" && !isWellFormedText(v)) fields[k] = ILL_FORMED_MESSAGE;
  if (Object.keys(fields).length) throw new AppError("validation_failed", `Invalid ${Object.keys(fields).join(", ")}`, { fields });
}

/** Who is calling: a bearer API key wins over a session cookie. */
export async function resolvePrincipal(req: Request): Promise<Principal | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new AppError("unauthenticated", "Authorization must be 'Bearer <api key>'");
    return principalFromApiKey(m[1]!);
  }
  // No session cookie, no session: skip next-auth's decode entirely.
  if (!/(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/.test(req.headers.get("cookie") ?? "")) return null;
  return getSessionPrincipal(req);
}

/**
 * The one wrapper every API route goes through: authentication (session or API
 * key), role check, rate limit, and the error shape of docs/api.md.
 */
export function withApi<P = Record<string, string>>(handler: (ctx: Ctx<P>) => Promise<Response>, opts: Options = {}) {
  return (req: Request, context: { params: Promise<P> }): Promise<Response> =>
    answered(
      req,
      async () => routeTemplate(new URL(req.url).pathname, ((await context?.params) ?? undefined) as Record<string, unknown> | undefined),
      () => authorizedCall(req, context, handler, opts),
    );
}

async function authorizedCall<P>(req: Request, context: { params: Promise<P> }, handler: (ctx: Ctx<P>) => Promise<Response>, opts: Options) {
  let limited: RateLimitState | null = null;
  try {
    const principal = await resolvePrincipal(req);
    if (!principal) throw new AppError("unauthenticated", "Sign in or send 'Authorization: Bearer <api key>'");
    if (opts.staffOnly && !isStaff(principal)) throw new AppError("forbidden", "This needs an ops or admin account");
    if (opts.sessionOnly && principal.kind !== "session")
      throw new AppError("forbidden", "Users, API keys and company settings are managed by a signed-in owner");
    if (opts.permission) requirePermission(principal, opts.permission);
    if (opts.rateLimit !== false) {
      limited = await takeRateLimit(principal.apiKeyId ?? principal.userId, env().RATE_LIMIT_PER_MINUTE);
      if (limited.wait > 0) throw new AppError("rate_limited", "Too many requests", { retryAfter: limited.wait });
    }
    const params = (await context?.params) ?? ({} as P);
    assertWellFormedRequest(req, params as Record<string, unknown>);
    return withRateLimitHeaders(await handler({ req, params, principal }), limited);
  } catch (err) {
    return withRateLimitHeaders(errorResponse(err), limited);
  }
}

export { withRequest };

/**
 * Routes anyone may call (accepting an invitation, asking for or using a password reset link):
 * no principal, a per-address limit instead, and the same error shape.
 */
export function withPublicApi(handler: (ctx: { req: Request }) => Promise<Response>, opts: { perMinute: number; bucket: string }) {
  return (req: Request): Promise<Response> =>
    answered(req, new URL(req.url).pathname, async () => {
      const wait = await hitRateLimit(`${opts.bucket}:${clientAddress(req.headers)}`, opts.perMinute);
      if (wait > 0) throw new AppError("rate_limited", "Too many requests", { retryAfter: wait });
      assertWellFormedRequest(req, {});
      return await handler({ req });
    });
}
