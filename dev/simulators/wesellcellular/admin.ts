import { knobsSchema, type WscSimulatorKnobs } from "./knobs";
import type { SimSalesOrder } from "./lifecycle";
import { fail, json, readJson } from "./respond";

/**
 * The simulator's control endpoints, for the demo and for tests that drive it
 * over HTTP. They are NOT part of WSC's contract (the contract) and live apart under
 * /__sim/. Unauthenticated on purpose: the simulator only ever runs locally.
 *   GET  /__sim/orders                   orders, creations per reference, stats
 *   GET  /__sim/requests                 the request log (every call, /__sim/ ones marked admin)
 *   GET  /__sim/config                   the knobs
 *   POST /__sim/config                   { ...knobs }
 *   POST /__sim/reset
 *   POST /__sim/orders/{id}/advance      one step (id = salesOrderId or reference)
 *   POST /__sim/orders/{id}/cancel       WSC's own staff cancel it (before Shipped; the contract gives buyers no cancel)
 *   POST /__sim/tokens/revoke            end every session (the next call gets 401)
 */
export type AdminTarget = {
  state: {
    knobs: WscSimulatorKnobs;
    orders: Map<string, SimSalesOrder>;
    createdByReference: Map<string, number>;
    stats: Record<string, number>;
    requests: unknown[];
  };
  configure(update: Partial<WscSimulatorKnobs>): WscSimulatorKnobs;
  reset(): void;
  find(idOrReference: string): SimSalesOrder | undefined;
  advance(order: SimSalesOrder): SimSalesOrder["status"] | null;
  /** Cancel on WSC's side; null when the order is past cancelling. */
  cancel(order: SimSalesOrder): SimSalesOrder["status"] | null;
  revokeTokens(): void;
};

const configSchema = knobsSchema.partial().strict();

export async function handleAdmin(sim: AdminTarget, req: Request, path: string): Promise<Response> {
  const { state } = sim;
  if (req.method === "GET" && path === "/__sim/orders") {
    return json(200, { data: [...state.orders.values()], createdByReference: Object.fromEntries(state.createdByReference), stats: state.stats });
  }
  if (req.method === "GET" && path === "/__sim/requests") return json(200, { data: state.requests });
  if (req.method === "GET" && path === "/__sim/config") return json(200, { knobs: state.knobs });
  if (req.method === "POST" && path === "/__sim/config") {
    const read = await readJson(req);
    if (!read.ok) return read.response;
    const parsed = configSchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(422, "validation_failed", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return json(200, { knobs: sim.configure(parsed.data) });
  }
  if (req.method === "POST" && path === "/__sim/reset") {
    sim.reset();
    return json(200, { ok: true });
  }
  if (req.method === "POST" && path === "/__sim/tokens/revoke") {
    sim.revokeTokens();
    return json(200, { ok: true });
  }
  const m = /^\/__sim\/orders\/([^/]+)\/(advance|cancel)$/.exec(path);
  if (req.method === "POST" && m) {
    const order = sim.find(decodeURIComponent(m[1]!));
    if (!order) return fail(404, "not_found", "Unknown sales order");
    if (m[2] === "cancel") {
      const status = sim.cancel(order);
      if (!status) return fail(409, "not_cancelable", `The order is ${order.status}; it can no longer be canceled`);
      return json(200, { status, order });
    }
    const status = sim.advance(order);
    if (!status) return fail(409, "terminal", `The order is ${order.status}; it cannot move on`);
    return json(200, { status, order });
  }
  return fail(404, "not_found", "No such simulator endpoint");
}
