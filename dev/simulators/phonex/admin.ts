import { z } from "zod";
import { knobsSchema, type PhoneXSimulatorKnobs } from "./knobs";
import type { SimOrder, Step } from "./lifecycle";
import { fail, json, readJson } from "./respond";
import type { WebhookDelivery } from "./webhooks";

/**
 * The simulator's control endpoints, for the demo and for tests that drive it
 * over HTTP. Unauthenticated on purpose: the simulator only ever runs locally.
 *   GET  /__sim/orders                     orders, creations per Idempotency-Key, stats
 *   GET  /__sim/webhooks                   every delivery attempt
 *   GET  /__sim/config                     the knobs
 *   POST /__sim/config                     { ...knobs, webhookUrl? }
 *   POST /__sim/reset
 *   POST /__sim/orders/{order_id}/advance  one step, and its webhook
 */
export type AdminTarget = {
  state: {
    knobs: PhoneXSimulatorKnobs;
    webhookUrl: string | null;
    orders: Map<string, SimOrder>;
    createdByKey: Map<string, number>;
    webhooks: WebhookDelivery[];
    stats: Record<string, number>;
  };
  configure(update: Partial<PhoneXSimulatorKnobs> & { webhookUrl?: string | null }): PhoneXSimulatorKnobs;
  reset(): void;
  advance(order: SimOrder): Step | null;
};

const configSchema = knobsSchema.partial().extend({ webhookUrl: z.url().nullable().optional() }).strict();

export async function handleAdmin(sim: AdminTarget, req: Request, path: string): Promise<Response> {
  const { state } = sim;
  if (req.method === "GET" && path === "/__sim/orders") {
    return json(200, {
      data: [...state.orders.values()],
      createdByKey: Object.fromEntries(state.createdByKey),
      stats: state.stats,
    });
  }
  if (req.method === "GET" && path === "/__sim/webhooks") return json(200, { data: state.webhooks });
  if (req.method === "GET" && path === "/__sim/config") {
    return json(200, { knobs: state.knobs, webhookUrl: state.webhookUrl });
  }
  if (req.method === "POST" && path === "/__sim/config") {
    const read = await readJson(req);
    if (!read.ok) return read.response;
    const parsed = configSchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(422, "validation_failed", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return json(200, { knobs: sim.configure(parsed.data), webhookUrl: state.webhookUrl });
  }
  if (req.method === "POST" && path === "/__sim/reset") {
    sim.reset();
    return json(200, { ok: true });
  }
  const m = /^\/__sim\/orders\/([^/]+)\/advance$/.exec(path);
  if (req.method === "POST" && m) {
    const order = state.orders.get(decodeURIComponent(m[1]!));
    if (!order) return fail(404, "not_found", "Unknown order");
    const step = sim.advance(order);
    if (!step) return fail(409, "terminal", `The order is ${order.status}; it cannot move on`);
    return json(200, { event: step.event, order });
  }
  return fail(404, "not_found", "No such simulator endpoint");
}
