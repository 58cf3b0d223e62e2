import { randomBytes } from "node:crypto";
import type { CjSimulatorKnobs } from "./knobs";
import { cjDateString, fail, ok, readJson } from "./respond";

/**
 * The simulator's side of CJ auth and limits: issuing and refreshing tokens
 * (POST /authentication/getAccessToken, /refreshAccessToken), checking the
 * CJ-Access-Token of every other call (1600001), the per-token QPS (1600200)
 * and the account's call quota (1600201), and GET /setting/get, which tells
 * the account's QPS. Counts every auth call, so tests can hold the client to
 * "authenticate once, then refresh".
 */
export type SessionState = {
  /** accessToken → when it expires and which refresh token it came from. */
  tokens: Map<string, { expiresAt: number; refreshToken: string }>;
  refreshTokens: Map<string, { expiresAt: number }>;
  /** accessToken → arrival times (ms) in the last second. */
  hits: Map<string, number[]>;
  quotaUsed: number;
  stats: { authCalls: number; refreshCalls: number; apiCalls: number; rateLimited: number; quotaRefused: number };
};

export function newSessionState(): SessionState {
  return {
    tokens: new Map(),
    refreshTokens: new Map(),
    hits: new Map(),
    quotaUsed: 0,
    stats: { authCalls: 0, refreshCalls: 0, apiCalls: 0, rateLimited: 0, quotaRefused: 0 },
  };
}

type Ctx = { state: SessionState; knobs: () => CjSimulatorKnobs; apiKey: string; openId: string; now: () => number };

function issue(ctx: Ctx, refreshToken?: string) {
  const now = ctx.now();
  const k = ctx.knobs();
  const accessToken = `cjat_${randomBytes(16).toString("hex")}`;
  let rt = refreshToken;
  if (!rt) {
    rt = `cjrt_${randomBytes(16).toString("hex")}`;
    ctx.state.refreshTokens.set(rt, { expiresAt: now + k.refreshTokenTtlMs });
  }
  ctx.state.tokens.set(accessToken, { expiresAt: now + k.accessTokenTtlMs, refreshToken: rt });
  return {
    openId: Number(ctx.openId) || ctx.openId,
    accessToken,
    accessTokenExpiryDate: cjDateString(now + k.accessTokenTtlMs),
    refreshToken: rt,
    refreshTokenExpiryDate: cjDateString(ctx.state.refreshTokens.get(rt)!.expiresAt),
    createDate: cjDateString(now),
  };
}

export async function getAccessToken(ctx: Ctx, req: Request): Promise<Response> {
  ctx.state.stats.authCalls++;
  const read = await readJson(req);
  if (!read.ok) return read.response;
  const apiKey = (read.body as { apiKey?: unknown } | null)?.apiKey;
  if (typeof apiKey !== "string" || !apiKey || apiKey !== ctx.apiKey) return fail(1600001, "Invalid API key");
  return ok(issue(ctx));
}

export async function refreshAccessToken(ctx: Ctx, req: Request): Promise<Response> {
  ctx.state.stats.refreshCalls++;
  const read = await readJson(req);
  if (!read.ok) return read.response;
  const rt = (read.body as { refreshToken?: unknown } | null)?.refreshToken;
  const known = typeof rt === "string" ? ctx.state.refreshTokens.get(rt) : undefined;
  if (typeof rt !== "string" || !known || known.expiresAt <= ctx.now()) return fail(1600003, "Invalid refresh token");
  // The access tokens issued from this refresh token stop working: only the new one does.
  for (const [at, t] of ctx.state.tokens) if (t.refreshToken === rt) ctx.state.tokens.delete(at);
  return ok(issue(ctx, rt));
}

/** Null when the call may go on; otherwise the CJ error to answer. */
export function admit(ctx: Ctx, req: Request): Response | null {
  const { state } = ctx;
  const k = ctx.knobs();
  const now = ctx.now();
  const token = req.headers.get("cj-access-token") ?? "";
  const t = state.tokens.get(token);
  if (!t || t.expiresAt <= now) return fail(1600001, "Invalid or expired access token");
  if (k.qps > 0) {
    const recent = (state.hits.get(token) ?? []).filter((at) => at > now - 1000);
    if (recent.length >= k.qps) {
      state.stats.rateLimited++;
      state.hits.set(token, recent);
      return fail(1600200, `Too many requests: ${k.qps} per second allowed`);
    }
    recent.push(now);
    state.hits.set(token, recent);
  }
  if (k.quota !== null && state.quotaUsed >= k.quota) {
    state.stats.quotaRefused++;
    return fail(1600201, "Quota has been used up");
  }
  state.quotaUsed++;
  state.stats.apiCalls++;
  return null;
}

/** Every access token stops working at once (tests a mid-life 1600001). */
export function revokeAccessTokens(state: SessionState) {
  state.tokens.clear();
}

export function revokeRefreshTokens(state: SessionState) {
  state.refreshTokens.clear();
}

/** With qps 0 (unlimited) the simulator still tells a number, as CJ always does: its docs' example, 100. */
export const UNLIMITED_QPS_TOLD = 100;

/**
 * GET /setting/get in the shape of CJ's docs ("Settings → Get Settings"):
 * `setting.qpsLimit` is the account's QPS (the `qps` knob, the tier), which
 * admit() enforces; `setting.quotaLimits` lists the call quota when one is set.
 */
export function getSettings(ctx: Ctx): Response {
  const k = ctx.knobs();
  return ok({
    openId: Number(ctx.openId) || ctx.openId,
    openName: "CJ Simulator",
    openEmail: "api@cj-simulator.test",
    setting: {
      quotaLimits: k.quota === null ? [] : [{ quotaUrl: "/api2.0/v1", quotaLimit: k.quota, quotaType: 0 }],
      qpsLimit: k.qps > 0 ? k.qps : UNLIMITED_QPS_TOLD,
    },
    callback: { product: { type: "ENABLE", urls: [] }, order: { type: "ENABLE", urls: [] } },
    root: "GENERAL",
    isSandbox: false,
  });
}
