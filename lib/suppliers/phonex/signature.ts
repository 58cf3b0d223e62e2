import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookVerification } from "../types";

/**
 * PhoneX webhook signatures (docs/api.md (PhoneX webhooks)):
 *   X-PhoneX-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * with several comma-separated entries during secret rotation. Verification
 * runs over the raw bytes, before any parsing, and compares in constant time.
 */
export const PHONEX_HEADERS = {
  eventId: "x-phonex-event-id",
  timestamp: "x-phonex-timestamp",
  signature: "x-phonex-signature",
} as const;

export const PHONEX_TOLERANCE_SEC = 300;

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function hmac(secret: string, timestamp: string, rawBody: Buffer | string): Buffer {
  return createHmac("sha256", secret)
    .update(`${timestamp}.`, "utf8")
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest();
}

/** "v1=<hex>" for one secret; the simulator and tests sign with this. */
export function signPhoneX(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
  return `v1=${hmac(secret, String(timestamp), rawBody).toString("hex")}`;
}

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return (Array.isArray(v) ? v.join(",") : v) ?? null;
}

/** The 32-byte digests of every well-formed v1 entry; other schemes are ignored. */
function candidates(signatureHeader: string): Buffer[] {
  return signatureHeader
    .split(",")
    .map((part) => part.trim())
    .filter((part) => /^v1=[0-9a-fA-F]{64}$/.test(part))
    .map((part) => Buffer.from(part.slice(3), "hex"));
}

export function verifyPhoneXSignature(args: {
  headers: HeaderSource;
  rawBody: Buffer | string;
  secrets: string[];
  now?: Date | number;
  toleranceSec?: number;
}): WebhookVerification {
  const { headers, rawBody, toleranceSec = PHONEX_TOLERANCE_SEC } = args;
  const secrets = args.secrets.map((s) => s.trim()).filter(Boolean);
  if (secrets.length === 0) return { ok: false, status: 401, reason: "no_secret_configured" };

  const timestamp = header(headers, PHONEX_HEADERS.timestamp)?.trim();
  const signature = header(headers, PHONEX_HEADERS.signature);
  if (!timestamp) return { ok: false, status: 401, reason: "missing_timestamp" };
  if (!signature) return { ok: false, status: 401, reason: "missing_signature" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: "bad_timestamp" };

  const nowMs = args.now === undefined ? Date.now() : typeof args.now === "number" ? args.now : args.now.getTime();
  // Both directions: an old timestamp is a replay, a future one a clock we cannot trust.
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSec) {
    return { ok: false, status: 401, reason: "stale_timestamp" };
  }

  const given = candidates(signature);
  if (given.length === 0) return { ok: false, status: 401, reason: "bad_signature_format" };

  let matched = false;
  for (const secret of secrets) {
    const expected = hmac(secret, timestamp, rawBody);
    // Every pair is compared (no early exit), each in constant time on equal-length buffers.
    for (const candidate of given) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  if (!matched) return { ok: false, status: 401, reason: "signature_mismatch" };

  // The event id is not signed, so it is checked only once the sender is known to be PhoneX:
  // a signed request without one is a malformed request (400), not an impostor (401).
  const eventId = header(headers, PHONEX_HEADERS.eventId)?.trim();
  if (!eventId) return { ok: false, status: 400, reason: "missing_event_id" };
  if (eventId.length > 255) return { ok: false, status: 400, reason: "bad_event_id" };
  return { ok: true, eventId };
}
