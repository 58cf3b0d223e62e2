import "server-only";
import { randomUUID } from "node:crypto";
import { PHONEX_HEADERS, signPhoneX } from "../../../lib/suppliers/phonex/signature";
import { createWebhookQueue, postWebhook, type WebhookSenderBaseOptions } from "../kit/webhook-queue";
import type { PhoneXSimulatorKnobs } from "./knobs";

/**
 * Delivers the simulator's signed webhooks (docs/api.md (PhoneX webhooks)) the way a real
 * sender does: a fresh timestamp and signature per attempt, the same event id
 * on every retry, retries with exponential backoff on any non-2xx or network
 * error. The duplicateRate and outOfOrder knobs are applied here.
 */
export type WebhookDelivery = {
  eventId: string;
  event: string;
  orderId: string | null;
  attempt: number;
  /** True for the deliberate second copy of a duplicateRate delivery. */
  duplicate: boolean;
  httpStatus: number | null;
  ok: boolean;
  error?: string;
  at: string;
};

export type WebhookSenderOptions = WebhookSenderBaseOptions<PhoneXSimulatorKnobs, WebhookDelivery> & {
  /** The webhook signing secret. */
  secret: () => string;
};

export function createWebhookSender(opts: WebhookSenderOptions) {
  const retries = opts.retries ?? 4;
  const backoffMs = opts.backoffMs ?? 250;
  const queue = createWebhookQueue(opts);

  async function attempt(eventId: string, event: string, orderId: string | null, raw: string, n: number, duplicate: boolean) {
    const url = opts.url();
    if (!url || queue.stopped) return;
    const timestamp = Math.floor(Date.now() / 1000);
    const { httpStatus, ok, error } = await postWebhook(opts.fetchImpl ?? fetch, url, {
      headers: {
        "content-type": "application/json",
        "user-agent": "PhoneX-Simulator/1",
        [PHONEX_HEADERS.eventId]: eventId,
        [PHONEX_HEADERS.timestamp]: String(timestamp),
        [PHONEX_HEADERS.signature]: signPhoneX(opts.secret(), timestamp, raw),
      },
      body: raw,
      timeoutMs: opts.timeoutMs ?? 5000,
    });
    opts.record({ eventId, event, orderId, attempt: n, duplicate, httpStatus, ok, error, at: new Date().toISOString() });
    if (!ok && n <= retries) {
      queue.later(backoffMs * 2 ** (n - 1), () => attempt(eventId, event, orderId, raw, n + 1, duplicate));
    }
  }

  return {
    /** Queue one event; returns its event id. */
    send(body: { event: string; order_id?: string }): string {
      const eventId = `evt_${randomUUID().replace(/-/g, "")}`;
      const raw = JSON.stringify(body);
      const orderId = body.order_id ?? null;
      queue.dispatch((duplicate) => attempt(eventId, body.event, orderId, raw, 1, duplicate));
      return eventId;
    },
    /** Resolves once nothing is scheduled or in flight (tests await this). */
    idle: () => queue.idle(),
    /** Drops everything scheduled (reset); deliveries in flight finish. */
    clear: () => queue.clear(),
    stop: () => queue.stop(),
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
