import { z } from "zod";
import { knobsSchema, type CjSimulatorKnobs } from "./knobs";
import type { SimOrder, Step } from "./lifecycle";
import { json, readJson } from "./respond";
import type { WebhookDelivery } from "./webhooks";

/**
 * The simulator's control endpoints, for the demo and for tests that drive it
 * over HTTP. Unauthenticated on purpose: the simulator only ever runs locally.
 *   GET  /__sim/orders                         orders, creations per orderNumber, stats
 *   GET  /__sim/webhooks                       every delivery attempt
 *   GET  /__sim/requests                       the request log (every call, /__sim/ ones marked admin)
 *   GET  /__sim/config                         the knobs
 *   POST /__sim/config                         { ...knobs, webhookUrl? }
 *   POST /__sim/reset
 *   POST /__sim/orders/{orderNumber}/advance   one step, and its webhooks
 *   POST /__sim/tokens/revoke                  { refresh?: boolean }: tokens stop working
 */
export type AdminTarget = {
  state: {
    knobs: CjSimulatorKnobs;
    webhookUrl: string | null;
    orders: Map<string, SimOrder>;
    createdByNumber: Map<string, number>;
    webhooks: WebhookDelivery[];
    requests: unknown[];
    stats: Record<string, number>;
  };
  configure(update: Partial<CjSimulatorKnobs> & { webhookUrl?: string | null }): CjSimulatorKnobs;
  reset(): void;
  advance(order: SimOrder): Step | null;
  revokeTokens(opts?: { refresh?: boolean }): void;
};

const configSchema = knobsSchema.partial().extend({ webhookUrl: z.url().nullable().optional() }).strict();

const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

export async function handleAdmin(sim: AdminTarget, req: Request, path: string): Promise<Response> {
  const { state } = sim;
  if (req.method === "GET" && path === "/__sim/orders") {
    return json(200, { data: [...state.orders.values()], createdByNumber: Object.fromEntries(state.createdByNumber), stats: state.stats });
  }
  if (req.method === "GET" && path === "/__sim/webhooks") return json(200, { data: state.webhooks });
  if (req.method === "GET" && path === "/__sim/requests") return json(200, { data: state.requests });
  if (req.method === "GET" && path === "/__sim/config") return json(200, { knobs: state.knobs, webhookUrl: state.webhookUrl });
  if (req.method === "POST" && path === "/__sim/config") {
    const read = await readJson(req);
    if (!read.ok) return problem(400, "invalid_json", "The body is not valid JSON");
    const parsed = configSchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(422, "validation_failed", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return json(200, { knobs: sim.configure(parsed.data), webhookUrl: state.webhookUrl });
  }
  if (req.method === "POST" && path === "/__sim/reset") {
    sim.reset();
    return json(200, { ok: true });
  }
  if (req.method === "POST" && path === "/__sim/tokens/revoke") {
    const read = await readJson(req);
    sim.revokeTokens({ refresh: read.ok && (read.body as { refresh?: unknown } | null)?.refresh === true });
    return json(200, { ok: true });
  }
  const m = /^\/__sim\/orders\/([^/]+)\/advance$/.exec(path);
  if (req.method === "POST" && m) {
    const order = state.orders.get(decodeURIComponent(m[1]!));
    if (!order) return problem(404, "not_found", "Unknown order");
    const step = sim.advance(order);
    if (!step) return problem(409, "terminal", `The order is ${order.orderStatus}; it cannot move on`);
    return json(200, { status: step.status, order });
  }
  return problem(404, "not_found", "No such simulator endpoint");
}
