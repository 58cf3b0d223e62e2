import "server-only";
import { wscCreateSalesOrderRequestSchema, wscLoginRequestSchema } from "../../../lib/suppliers/wesellcellular/schemas";
import { createAutoAdvance } from "../kit/auto-advance";
import { handleAdmin } from "./admin";
import { wscCatalog, type WscCatalogItem } from "../../../prisma/demo-data/wesellcellular-catalog";
import { DEFAULT_KNOBS, knobsSchema, pickKnobs, type WscSimulatorKnobs } from "./knobs";
import { applyStatus, CANCELABLE, nextStatus, orderView, type SimSalesOrder } from "./lifecycle";
import { fail, json, readJson, sleep } from "./respond";
import { stockListResponse } from "./stocklist";
import { createTokenBook } from "./tokens";

/**
 * A WesellCellular stand-in for the ASSUMED contract of docs/suppliers.md (WesellCellular), as a
 * pure Fetch-API handler: one core serves msw in unit tests and node:http
 * (server.ts) for the demo. Everything it knows is in `state`, for tests.
 * No webhooks: orders advance on a timer and the portal polls.
 *
 * It serves exactly the contract and nothing more, as a server that follows the contract would:
 *   POST /auth/login
 *   GET  /stocklist/items?includeOutOfStock=&page=&pageSize=
 *   POST /sales-orders
 *   GET  /sales-orders/{id}
 * Any other method or path is a 404 (there is no lookup by reference and no
 * cancel), an unknown query parameter on a defined route a 400. Its own
 * control routes live apart under /__sim/ (admin.ts). Every request lands in
 * `state.requests`, so a test can prove nothing outside the contract was asked.
 */
export type WscRequestLogEntry = {
  method: string;
  /** The path from the contract's root (a base-URL prefix cut off). */
  path: string;
  /** The query string, "" or starting with "?". */
  search: string;
  status: number;
  /** A /__sim/ control call, not a contract one. */
  admin: boolean;
};

/** The request log keeps the newest this many (the demo server runs for days). */
export const REQUEST_LOG_LIMIT = 5000;

type Route = { name: "login" | "stock" | "create" | "read"; id?: string };

/** The the contract route a request names, or null: the only four there are. */
function matchRoute(method: string, path: string): Route | null {
  if (method === "POST" && path === "/auth/login") return { name: "login" };
  if (method === "GET" && path === "/stocklist/items") return { name: "stock" };
  if (method === "POST" && path === "/sales-orders") return { name: "create" };
  const m = /^\/sales-orders\/([^/]+)$/.exec(path);
  if (method === "GET" && m) return { name: "read", id: decodeURIComponent(m[1]!) };
  return null;
}
export type WscSimulatorOptions = Partial<WscSimulatorKnobs> & {
  email: string;
  password: string;
  catalog?: readonly WscCatalogItem[];
  random?: () => number;
};

export type WscSimulatorState = {
  knobs: WscSimulatorKnobs;
  /** By salesOrderId. */
  orders: Map<string, SimSalesOrder>;
  /** Our reference → salesOrderId. */
  byReference: Map<string, string>;
  /** reference → orders it created; "exactly one order" means every value is 1. */
  createdByReference: Map<string, number>;
  stats: { logins: number; failedLogins: number; unauthorized: number; createCalls: number; replays: number; simulatedFailures: number };
  /** Every request answered, oldest first (cleared by reset). */
  requests: WscRequestLogEntry[];
};

const zeroStats = (): WscSimulatorState["stats"] => ({ logins: 0, failedLogins: 0, unauthorized: 0, createCalls: 0, replays: 0, simulatedFailures: 0 });

export function createWscSimulator(opts: WscSimulatorOptions) {
  const initialKnobs = knobsSchema.parse({ ...DEFAULT_KNOBS, ...pickKnobs(opts) });
  const catalog = opts.catalog ?? wscCatalog;
  const byItem = new Map(catalog.map((i) => [i.itemNumber, i]));
  const random = opts.random ?? Math.random;
  const tokens = createTokenBook();
  let seq = 0;
  let closed = false;
  /** Bumped by reset(): a request still sleeping in latencyMs must not land in the next test's state. */
  let epoch = 0;

  const state: WscSimulatorState = {
    knobs: { ...initialKnobs },
    orders: new Map(),
    byReference: new Map(),
    createdByReference: new Map(),
    stats: zeroStats(),
    requests: [],
  };

  const find = (idOrRef: string) => state.orders.get(idOrRef) ?? state.orders.get(state.byReference.get(idOrRef) ?? "");

  /** Move one step; null when the order is final. */
  function advance(o: SimSalesOrder) {
    const status = nextStatus(o, state.knobs);
    if (!status) return null;
    applyStatus(o, status, new Date(), seq++);
    return status;
  }

  const autoAdvance = createAutoAdvance<SimSalesOrder>({
    key: (o) => o.salesOrderId,
    paceMs: () => state.knobs.paceMs,
    shouldAdvance: (o) => !closed && state.knobs.autoAdvance && nextStatus(o, state.knobs) !== null,
    advance,
  });

  /** WSC's own staff cancel an order (a /__sim/ call: the contract gives buyers no cancel). Null once it is past that. */
  function cancel(o: SimSalesOrder) {
    if (!CANCELABLE.has(o.status)) return null;
    applyStatus(o, "Cancelled", new Date(), seq++);
    autoAdvance.schedule(o);
    return o.status;
  }

  function configure(update: Partial<WscSimulatorKnobs>) {
    state.knobs = knobsSchema.parse({ ...state.knobs, ...update });
    // New pace or autoAdvance applies to the orders already running.
    if ("autoAdvance" in update || "paceMs" in update) autoAdvance.rescheduleAll(state.orders.values());
    return state.knobs;
  }

  function reset() {
    autoAdvance.stopAll();
    tokens.revokeAll();
    state.knobs = { ...initialKnobs };
    state.orders.clear();
    state.byReference.clear();
    state.createdByReference.clear();
    state.stats = zeroStats();
    state.requests = [];
    seq = 0;
    epoch++;
  }

  async function login(req: Request): Promise<Response> {
    const read = await readJson(req);
    if (!read.ok) return read.response;
    const body = wscLoginRequestSchema.safeParse(read.body);
    if (!body.success) return fail(400, "validation_failed", "email and password are required");
    if (!opts.email || body.data.email !== opts.email || body.data.password !== opts.password) {
      state.stats.failedLogins++;
      return fail(401, "invalid_credentials", "Wrong email or password");
    }
    state.stats.logins++;
    const ttl = state.knobs.tokenTtlMs;
    return json(200, { token: tokens.issue(ttl), expiresIn: ttl / 1000 });
  }

  async function createOrder(req: Request): Promise<Response> {
    const read = await readJson(req);
    // From here on nothing awaits, so concurrent repeats of one reference cannot interleave.
    if (!read.ok) return read.response;
    const parsed = wscCreateSalesOrderRequestSchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(422, "validation_failed", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    const body = parsed.data;
    const existing = state.orders.get(state.byReference.get(body.reference) ?? "");
    if (existing) {
      // the contract: a repeated reference returns the existing order and creates nothing.
      state.stats.replays++;
      return json(200, { salesOrderId: existing.salesOrderId, status: existing.status });
    }
    state.stats.createCalls++;
    if (random() < state.knobs.failureRate) {
      state.stats.simulatedFailures++;
      return fail(500, "internal_error", "Simulated failure; nothing was created");
    }
    for (const line of body.lines) {
      const item = byItem.get(line.itemNumber);
      if (!item) return fail(422, "unknown_item", `Unknown item ${line.itemNumber}`);
      if (line.quantity > item.quantity) return fail(422, "insufficient_stock", `Only ${item.quantity} of ${line.itemNumber} in stock`);
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const order: SimSalesOrder = {
      salesOrderId: `SO-${500100 + state.orders.size + 1}`,
      reference: body.reference,
      lines: body.lines,
      shipTo: body.shipTo,
      status: "Pending",
      trackingNumbers: [],
      createdAt: now,
      updatedAt: now,
    };
    state.orders.set(order.salesOrderId, order);
    state.byReference.set(order.reference, order.salesOrderId);
    state.createdByReference.set(order.reference, (state.createdByReference.get(order.reference) ?? 0) + 1);
    autoAdvance.schedule(order);
    if (random() < state.knobs.failAfterCreateRate) {
      state.stats.simulatedFailures++;
      return fail(500, "internal_error", "Simulated failure after the order was created");
    }
    return json(201, { salesOrderId: order.salesOrderId, status: order.status });
  }

  async function api(req: Request, path: string, url: URL): Promise<Response> {
    // Routing first, as a real server does: an undefined route is a 404 with or without a token.
    const route = matchRoute(req.method, path);
    if (!route) return fail(404, "not_found", `No such endpoint: ${req.method} ${path.slice(0, 200)}`);
    // the contract gives only the stock list query parameters.
    if (route.name !== "stock" && url.search !== "") return fail(400, "unknown_parameter", `${req.method} ${path.slice(0, 200)} takes no query parameters`);
    const startedIn = epoch;
    if (state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
    // Only a reset in between discards the request (a real WSC goes on after the client gave up).
    if (startedIn !== epoch) return fail(503, "simulator_reset", "The simulator was reset during this request");
    if (route.name === "login") return login(req);
    const auth = tokens.check(req.headers.get("authorization"));
    if (!auth.ok) {
      state.stats.unauthorized++;
      return fail(401, auth.code, auth.code === "token_expired" ? "The session has expired; log in again" : "Log in first");
    }
    if (route.name === "stock") return stockListResponse(url, catalog);
    if (route.name === "create") return createOrder(req);
    const order = state.orders.get(route.id!);
    return order ? json(200, orderView(order)) : fail(404, "not_found", "Unknown sales order");
  }

  function record(req: Request, path: string, url: URL, status: number) {
    state.requests.push({ method: req.method, path, search: url.search, status, admin: path.startsWith("/__sim") });
    if (state.requests.length > REQUEST_LOG_LIMIT) state.requests.splice(0, state.requests.length - REQUEST_LOG_LIMIT);
  }

  const sim = {
    state,
    configure,
    reset,
    advance,
    cancel,
    find,
    revokeTokens: () => tokens.revokeAll(),
    async handle(req: Request): Promise<Response> {
      const url = new URL(req.url);
      // Routes match on the tail, so a base URL with a path prefix works too.
      const path = /\/(?:auth|stocklist|sales-orders|__sim)(?:\/.*)?$/.exec(url.pathname)?.[0] ?? url.pathname;
      let res: Response;
      try {
        res = path.startsWith("/__sim") ? await handleAdmin(sim, req, path) : await api(req, path, url);
      } catch (err) {
        res = fail(500, "internal_error", err instanceof Error ? err.message : "Simulator error");
      }
      record(req, path, url, res.status);
      return res;
    },
    close() {
      closed = true;
      autoAdvance.stopAll();
    },
  };
  return sim;
}

export type WscSimulator = ReturnType<typeof createWscSimulator>;
