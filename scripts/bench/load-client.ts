// The bench's load client, in a process of its own (scripts/bench/order-loop.ts starts it): it
// sends what the orchestrator asks for over IPC and answers with the figures. Its CPU is read
// from /proc by the orchestrator and printed beside the server's.
import { randomUUID } from "node:crypto";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { serve } from "./child";
import { httpClient, runAtRate, runLoad, type Check, type HttpRequest } from "./load";

export type ClientSetup = { base: string; apiKey: string; sku: string; webhookSecret: string };

/** What to send: the empty route, single orders, batches of `size` orders, or PhoneX webhooks for these order numbers. */
export type Traffic =
  { kind: "ping" } | { kind: "order"; tag: string } | { kind: "batch"; tag: string; size: number } | { kind: "webhook"; numbers: string[]; statuses: string[] };

export type ClosedLoop = { traffic: Traffic; total: number; concurrency: number };
export type OpenLoop = { traffic: Traffic; total: number; rate: number };

let cfg: ClientSetup | null = null;

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

function order(tag: string) {
  return {
    items: [{ sku: cfg!.sku, quantity: 1 }],
    shippingAddress: { name: "Bench", line1: "1 Main St", city: "Miami", postalCode: "33166", country: "US" },
    reference: tag,
  };
}

/** The i-th request of a phase, and what counts as success. */
function traffic(t: Traffic): { request: (i: number) => HttpRequest; check: Check } {
  const auth = { authorization: `Bearer ${cfg!.apiKey}`, "content-type": "application/json" };
  const status = (want: number) => (a: { status: number }) => (a.status === want ? null : String(a.status));
  switch (t.kind) {
    case "ping":
      return { request: () => ({ method: "GET", path: "/api/ping", headers: {} }), check: status(200) };
    case "order": {
      const body = json(order(t.tag));
      return {
        request: () => ({ method: "POST", path: "/api/orders", headers: { ...auth, "idempotency-key": randomUUID() }, body }),
        check: status(201),
      };
    }
    case "batch": {
      const body = json({ orders: Array.from({ length: t.size }, () => order(t.tag)) });
      return {
        request: () => ({ method: "POST", path: "/api/orders/batch", headers: { ...auth, "idempotency-key": randomUUID() }, body, keepBody: true }),
        // 200 with every order created; the answer ends with its counts.
        check: (a) => {
          if (a.status !== 200) return String(a.status);
          const failed = /"failed":(\d+)/.exec(a.body ?? "")?.[1];
          return failed === "0" ? null : `batch with ${failed ?? "?"} orders refused`;
        },
      };
    }
    case "webhook":
      return {
        request: (i) => {
          const s = t.statuses[Math.min(t.statuses.length - 1, Math.floor(i / t.numbers.length))]!;
          const body = json({
            event: "order.status_updated",
            order_id: t.numbers[i % t.numbers.length],
            supplier_order_id: null,
            status: s,
            updated_at: new Date().toISOString(),
          });
          const ts = Math.floor(Date.now() / 1000);
          return {
            method: "POST",
            path: "/api/webhooks/phonex",
            headers: {
              "content-type": "application/json",
              "x-phonex-event-id": `bench_${s}_${i}_${randomUUID()}`,
              "x-phonex-timestamp": String(ts),
              "x-phonex-signature": signPhoneX(cfg!.webhookSecret, ts, body),
            },
            body,
          };
        },
        check: status(202),
      };
  }
}

serve({
  setup: (c: ClientSetup) => {
    cfg = c;
  },
  closed: async (o: ClosedLoop) => {
    const http = httpClient(cfg!.base, o.concurrency);
    try {
      return { ...(await runLoad({ send: http.send, total: o.total, concurrency: o.concurrency, ...traffic(o.traffic) })), connections: http.opened() };
    } finally {
      http.close();
    }
  },
  open: async (o: OpenLoop) => {
    const http = httpClient(cfg!.base, Infinity);
    try {
      return { ...(await runAtRate({ send: http.send, total: o.total, rate: o.rate, ...traffic(o.traffic) })), connections: http.opened() };
    } finally {
      http.close();
    }
  },
});
