import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPhoneX, verifyPhoneXSignature } from "./signature";

const secret = "whsec_current";
const now = new Date("2025-10-30T18:06:39Z");
const ts = Math.floor(now.getTime() / 1000);
const body = Buffer.from(JSON.stringify({ event: "order.status_updated", order_id: "PXSTKL0000347", status: "shipped" }));

function headers(over: Record<string, string | undefined> = {}) {
  const h = new Headers();
  const all = {
    "X-PhoneX-Event-Id": "evt_1",
    "X-PhoneX-Timestamp": String(ts),
    "X-PhoneX-Signature": signPhoneX(secret, ts, body),
    ...over,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) h.set(k, v);
  return h;
}

const verify = (h: Headers, opts: { rawBody?: Buffer; secrets?: string[]; at?: Date } = {}) =>
  verifyPhoneXSignature({ headers: h, rawBody: opts.rawBody ?? body, secrets: opts.secrets ?? [secret], now: opts.at ?? now });

describe("signPhoneX", () => {
  it("is v1=<hex HMAC-SHA256(secret, '<timestamp>.<raw body>')>", () => {
    const expected = createHmac("sha256", secret).update(`${ts}.${body.toString()}`).digest("hex");
    expect(signPhoneX(secret, ts, body)).toBe(`v1=${expected}`);
    expect(signPhoneX(secret, String(ts), body.toString())).toBe(`v1=${expected}`);
  });
});

describe("verifyPhoneXSignature", () => {
  it("accepts a valid signature and returns the event id", () => {
    expect(verify(headers())).toEqual({ ok: true, eventId: "evt_1" });
  });

  it("verifies the raw bytes, not a re-serialisation", () => {
    const spaced = Buffer.from('{ "event":"order.accepted" ,"order_id":"X"}');
    const h = headers({ "X-PhoneX-Signature": signPhoneX(secret, ts, spaced) });
    expect(verify(h, { rawBody: spaced }).ok).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(spaced.toString())));
    expect(verify(h, { rawBody: reserialised })).toMatchObject({ ok: false, status: 401 });
  });

  it("rejects a tampered body", () => {
    const tampered = Buffer.from(body.toString().replace("shipped", "delivered"));
    expect(verify(headers(), { rawBody: tampered })).toEqual({ ok: false, status: 401, reason: "signature_mismatch" });
  });

  it("rejects a timestamp more than 300 s old or ahead, and accepts one at the edge", () => {
    expect(verify(headers(), { at: new Date(now.getTime() + 301_000) })).toEqual({ ok: false, status: 401, reason: "stale_timestamp" });
    expect(verify(headers(), { at: new Date(now.getTime() - 301_000) })).toEqual({ ok: false, status: 401, reason: "stale_timestamp" });
    expect(verify(headers(), { at: new Date(now.getTime() + 300_000) }).ok).toBe(true);
    expect(verify(headers(), { at: new Date(now.getTime() - 300_000) }).ok).toBe(true);
  });

  it("does not let a re-signed old body pass with a tampered timestamp", () => {
    const h = headers({ "X-PhoneX-Timestamp": String(ts + 10) });
    expect(verify(h)).toMatchObject({ ok: false, status: 401, reason: "signature_mismatch" });
  });

  it("rejects a signature made with another secret", () => {
    const h = headers({ "X-PhoneX-Signature": signPhoneX("whsec_attacker", ts, body) });
    expect(verify(h)).toEqual({ ok: false, status: 401, reason: "signature_mismatch" });
  });

  it("accepts any of our secrets during rotation", () => {
    const h = headers({ "X-PhoneX-Signature": signPhoneX("whsec_old", ts, body) });
    expect(verify(h, { secrets: [secret, "whsec_old"] }).ok).toBe(true);
    expect(verify(h, { secrets: [secret] }).ok).toBe(false);
  });

  it("accepts a multi-entry header when any entry matches", () => {
    const multi = `${signPhoneX("whsec_next", ts, body)}, ${signPhoneX(secret, ts, body)}`;
    expect(verify(headers({ "X-PhoneX-Signature": multi })).ok).toBe(true);
    const noneMatch = `${signPhoneX("a", ts, body)},${signPhoneX("b", ts, body)}`;
    expect(verify(headers({ "X-PhoneX-Signature": noneMatch })).ok).toBe(false);
    // Entries of other schemes and garbage are ignored, not fatal.
    const mixed = `v0=abc,junk,${signPhoneX(secret, ts, body)}`;
    expect(verify(headers({ "X-PhoneX-Signature": mixed })).ok).toBe(true);
  });

  it("rejects malformed signature values", () => {
    for (const bad of ["v1=", "v1=zz", "v1=" + "a".repeat(63), "sha256=" + "a".repeat(64)]) {
      expect(verify(headers({ "X-PhoneX-Signature": bad }))).toMatchObject({ ok: false, status: 401 });
    }
  });

  it("answers 401 for missing signature or timestamp headers", () => {
    expect(verify(headers({ "X-PhoneX-Signature": undefined }))).toEqual({ ok: false, status: 401, reason: "missing_signature" });
    expect(verify(headers({ "X-PhoneX-Timestamp": undefined }))).toEqual({ ok: false, status: 401, reason: "missing_timestamp" });
    expect(verify(headers({ "X-PhoneX-Timestamp": "yesterday" }))).toMatchObject({ ok: false, status: 401 });
    expect(verify(new Headers())).toMatchObject({ ok: false, status: 401 });
  });

  it("answers 400 for a missing event id only when the signature is valid", () => {
    expect(verify(headers({ "X-PhoneX-Event-Id": undefined }))).toEqual({ ok: false, status: 400, reason: "missing_event_id" });
    const unsigned = headers({ "X-PhoneX-Event-Id": undefined, "X-PhoneX-Signature": signPhoneX("nope", ts, body) });
    expect(verify(unsigned)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses everything when no secret is configured", () => {
    expect(verify(headers(), { secrets: [] })).toMatchObject({ ok: false, status: 401, reason: "no_secret_configured" });
    expect(verify(headers(), { secrets: [""] })).toMatchObject({ ok: false, status: 401 });
  });

  it("reads plain header objects case-insensitively", () => {
    const res = verifyPhoneXSignature({
      headers: { "x-phonex-event-id": "evt_2", "X-PHONEX-TIMESTAMP": String(ts), "x-phonex-signature": signPhoneX(secret, ts, body) },
      rawBody: body,
      secrets: [secret],
      now,
    });
    expect(res).toEqual({ ok: true, eventId: "evt_2" });
  });
});
