import "server-only";
import { randomUUID } from "node:crypto";
import { CJ_SIGN_HEADER, signCj } from "../signature";
import type { CjSimulatorKnobs } from "./knobs";

/**
 * Delivers the simulator's webhooks as CJ does (contracts.md §4): a JSON body
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

export type WebhookSenderOptions = {
  url: () => string | null;
  openId: () => string;
  knobs: () => CjSimulatorKnobs;
  random: () => number;
  record: (d: WebhookDelivery) => void;
  fetchImpl?: typeof fetch;
  retries?: number;
  backoffMs?: number;
  /** Upper bound of the random delay under outOfOrder (default 3 × paceMs, at least 300 ms). */
  outOfOrderWindowMs?: number;
  timeoutMs?: number;
};

export function createWebhookSender(opts: WebhookSenderOptions) {
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 1000;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let inFlight = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];

  function settleIfIdle() {
    if (timers.size > 0 || inFlight > 0) return;
    const w = waiters;
    waiters = [];
    w.forEach((fn) => fn());
  }

  function later(ms: number, fn: () => Promise<void>) {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      inFlight++;
      void fn().finally(() => {
        inFlight--;
        settleIfIdle();
      });
    }, ms);
    timers.add(t);
  }

  async function attempt(m: { messageId: string; type: string; orderNumber: string | null; raw: string }, n: number, duplicate: boolean) {
    const url = opts.url();
    if (!url || stopped) return;
    let httpStatus: number | null = null;
    let error: string | undefined;
    try {
      const res = await (opts.fetchImpl ?? fetch)(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "CJ-Simulator/1", [CJ_SIGN_HEADER]: signCj(opts.openId(), m.raw) },
        body: m.raw,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
      });
      httpStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    opts.record({ messageId: m.messageId, type: m.type, orderNumber: m.orderNumber, attempt: n, duplicate, httpStatus, ok, error, at: new Date().toISOString() });
    if (!ok && n <= retries) later(backoffMs * n, () => attempt(m, n + 1, duplicate));
  }

  return {
    /** Queue one message; returns its messageId. */
    send(msg: CjMessage): string {
      const messageId = randomUUID().replace(/-/g, "");
      const raw = JSON.stringify({ messageId, type: msg.type, messageType: msg.messageType ?? "UPDATE", params: msg.params });
      const k = opts.knobs();
      const window = opts.outOfOrderWindowMs ?? Math.max(k.paceMs * 3, 300);
      const delay = k.outOfOrder ? Math.floor(opts.random() * window) : 0;
      const p = msg.params as { orderNumber?: unknown; storeOrderNumbers?: unknown };
      const orderNumber = typeof p.orderNumber === "string" ? p.orderNumber : Array.isArray(p.storeOrderNumbers) ? String(p.storeOrderNumbers[0]) : null;
      const m = { messageId, type: msg.type, orderNumber, raw };
      later(delay, () => attempt(m, 1, false));
      if (opts.random() < k.duplicateRate) later(delay + 20, () => attempt(m, 1, true));
      return messageId;
    },
    idle(): Promise<void> {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
    clear() {
      timers.forEach(clearTimeout);
      timers.clear();
      settleIfIdle();
    },
    stop() {
      stopped = true;
      this.clear();
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
