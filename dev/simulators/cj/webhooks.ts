import "server-only";
import { randomUUID } from "node:crypto";
import { CJ_SIGN_HEADER, signCj } from "../../../lib/suppliers/cj/signature";
import { createWebhookQueue, postWebhook, type WebhookSenderBaseOptions } from "../kit/webhook-queue";
import type { CjSimulatorKnobs } from "./knobs";

/**
 * Delivers the simulator's webhooks as CJ does (docs/suppliers.md (CJ)): a JSON body
 * `{ messageId, type, messageType, params }` with `sign` = Base64(HMAC-SHA256
 * (openId, body)); the same messageId (and bytes) on every retry; retries on
 * anything but a 2xx. CJ waits 5 minutes between its 3 retries; the simulator
 * waits backoffMs so the demo does not stall. duplicateRate and outOfOrder
 * apply here.
 */
export type WebhookDelivery = {
  messageId: string;
  type: string;
  orderNumber: string | null;
  attempt: number;
  duplicate: boolean;
  httpStatus: number | null;
  ok: boolean;
  error?: string;
  at: string;
};

export type CjMessage = { type: "ORDER" | "LOGISTIC" | "STOCK" | "PRODUCT" | "VARIANT"; messageType?: string; params: Record<string, unknown> };

export type WebhookSenderOptions = WebhookSenderBaseOptions<CjSimulatorKnobs, WebhookDelivery> & {
  /** The signing key: CJ signs with the account's openId. */
  openId: () => string;
};

export function createWebhookSender(opts: WebhookSenderOptions) {
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 1000;
  const queue = createWebhookQueue(opts);

  async function attempt(m: { messageId: string; type: string; orderNumber: string | null; raw: string }, n: number, duplicate: boolean) {
    const url = opts.url();
    if (!url || queue.stopped) return;
    const { httpStatus, ok, error } = await postWebhook(opts.fetchImpl ?? fetch, url, {
      headers: { "content-type": "application/json", "user-agent": "CJ-Simulator/1", [CJ_SIGN_HEADER]: signCj(opts.openId(), m.raw) },
      body: m.raw,
      timeoutMs: opts.timeoutMs ?? 3000,
    });
    opts.record({
      messageId: m.messageId,
      type: m.type,
      orderNumber: m.orderNumber,
      attempt: n,
      duplicate,
      httpStatus,
      ok,
      error,
      at: new Date().toISOString(),
    });
    if (!ok && n <= retries) queue.later(backoffMs * n, () => attempt(m, n + 1, duplicate));
  }

  return {
    /** Queue one message; returns its messageId. */
    send(msg: CjMessage): string {
      const messageId = randomUUID().replace(/-/g, "");
      const raw = JSON.stringify({ messageId, type: msg.type, messageType: msg.messageType ?? "UPDATE", params: msg.params });
      const p = msg.params as { orderNumber?: unknown; storeOrderNumbers?: unknown };
      const orderNumber = typeof p.orderNumber === "string" ? p.orderNumber : Array.isArray(p.storeOrderNumbers) ? String(p.storeOrderNumbers[0]) : null;
      const m = { messageId, type: msg.type, orderNumber, raw };
      queue.dispatch((duplicate) => attempt(m, 1, duplicate));
      return messageId;
    },
    idle: () => queue.idle(),
    clear: () => queue.clear(),
    stop: () => queue.stop(),
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
