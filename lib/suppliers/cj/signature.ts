import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookVerification } from "../types";
import { parseCjJson } from "./webhook";

/**
 * CJ webhook signatures (docs/suppliers.md (CJ)):
 *   sign: Base64(HMAC-SHA256(key = openId, message = raw body))
 * Verified over the raw bytes before anything is parsed, in constant time,
 * against every key we hold (the account's openId, plus any configured webhook
 * secrets, for a change of account). No timestamp is signed, so a valid
 * signature does not prove the message is new: dedupe on messageId and confirm
 * order changes with the API before acting (CjAdapter.confirmOrderEvent).
 */
export const CJ_SIGN_HEADER = "sign";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function hmac(key: string, rawBody: Buffer | string): Buffer {
  return createHmac("sha256", key)
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest();
}

/** The `sign` header value for a body; the simulator and tests sign with this. */
export function signCj(openId: string, rawBody: Buffer | string): string {
  return hmac(openId, rawBody).toString("base64");
}

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** The 32 digest bytes, or null for anything that is not base64 of 32 bytes. */
function decode(sign: string): Buffer | null {
  const s = sign.trim().replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(s)) return null;
  const buf = Buffer.from(s, "base64");
  return buf.length === 32 ? buf : null;
}

export function verifyCjSignature(args: { headers: HeaderSource; rawBody: Buffer | string; keys: (string | null | undefined)[] }): WebhookVerification {
  const keys = [...new Set(args.keys.map((k) => (k ?? "").trim()).filter(Boolean))];
  if (keys.length === 0) return { ok: false, status: 401, reason: "no_secret_configured" };
  const sign = header(args.headers, CJ_SIGN_HEADER);
  if (!sign) return { ok: false, status: 401, reason: "missing_signature" };
  const given = decode(sign);
  if (!given) return { ok: false, status: 401, reason: "bad_signature_format" };

  let matched = false;
  // Every key is tried (no early exit), each comparison in constant time.
  for (const key of keys) {
    if (timingSafeEqual(given, hmac(key, args.rawBody))) matched = true;
  }
  if (!matched) return { ok: false, status: 401, reason: "signature_mismatch" };

  // Only now is the body worth reading: the event id is inside it.
  let messageId: unknown;
  try {
    messageId = (parseCjJson(args.rawBody) as { messageId?: unknown } | null)?.messageId;
  } catch {
    return { ok: false, status: 400, reason: "malformed_body" };
  }
  if (typeof messageId === "number") messageId = String(messageId);
  if (typeof messageId !== "string" || !messageId.trim()) return { ok: false, status: 400, reason: "missing_event_id" };
  if (messageId.length > 255) return { ok: false, status: 400, reason: "bad_event_id" };
  return { ok: true, eventId: messageId.trim() };
}
