import { encode } from "next-auth/jwt";
import { startSession } from "../../lib/auth/sessions";
import { env } from "../../lib/env";
import { api } from "./harness";

/** A signed-in session of this user: a UserSession row and the JWT cookie next-auth would set, and a caller that sends it. */
export async function signedIn(userId: string) {
  const sid = await startSession(userId, "vitest");
  const jwt = await encode({ token: { sub: userId, uid: userId, sid }, secret: env().AUTH_SECRET });
  const cookie = `next-auth.session-token=${jwt}`;
  const call = (path: string, init: Parameters<typeof api>[1] = {}) => api(path, { ...init, key: null, headers: { ...(init.headers as object), cookie } });
  return { sid, cookie, call };
}
