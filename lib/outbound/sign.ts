import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret in the Standard Webhooks form: whsec_ and 32 random bytes, base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * The three headers of a Standard Webhooks delivery, signed with the standardwebhooks package (the
 * spec's own library). During a rotation's overlap both secrets sign: `v1,<new> v1,<old>`, so a
 * receiver with either one verifies.
 */
export function signDelivery(msgId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(msgId, at, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
