import "server-only";
import { randomBytes } from "node:crypto";
import { phonexCreateOrderRequestSchema } from "../../../lib/suppliers/phonex/schemas";
import { createAutoAdvance } from "../kit/auto-advance";
import { handleAdmin } from "./admin";
import { phonexCatalog, type PhoneXCatalogItem } from "../../../prisma/demo-data/phonex-catalog";
import { inventoryResponse } from "./inventory";
import { DEFAULT_KNOBS, knobsSchema, pickKnobs, type PhoneXSimulatorKnobs } from "./knobs";
import { applyStep, nextStep, orderView, TERMINAL, webhookBody, type SimOrder, type Step } from "./lifecycle";
import { fail, json, readJson, sleep } from "./respond";
import { createWebhookSender, type WebhookDelivery } from "./webhooks";

/**
 * A PhoneX stand-in (docs/suppliers.md (PhoneX) and docs/api.md (PhoneX webhooks)) as a pure Fetch-API handler, so one
 * core serves msw in unit tests, the node:http server of the demo and the
 * integration tests. Everything it knows is in `state`, for tests to assert on.
 */
export type PhoneXSimulatorOptions = Partial<PhoneXSimulatorKnobs> & {
  apiKey: string;
  webhookUrl?: string | null;
  webhookSecret?: string;
  catalog?: readonly PhoneXCatalogItem[];
  /** Server-side cap on an inventory page, below the client's limit (to exercise paging). */
  pageSize?: number;
  /** The upstream wholesalers this PhoneX knows. */
  suppliers?: string[];
  random?: () => number;
  /** Used for webhook deliveries (tests may capture them here instead of over HTTP). */
  fetchImpl?: typeof fetch;
  webhookRetries?: number;
  webhookBackoffMs?: number;
  outOfOrderWindowMs?: number;
  /** Told about every delivery attempt (the server logs them). */
  onWebhook?: (delivery: WebhookDelivery) => void;
};

export type SimulatorConfig = Partial<PhoneXSimulatorKnobs> & { webhookUrl?: string | null };

export type PhoneXSimulatorState = {
  knobs: PhoneXSimulatorKnobs;
  webhookUrl: string | null;
  /** By PhoneX order_id (our reference). */
  orders: Map<string, SimOrder>;
  /** Idempotency-Key → orders it created; "exactly one order" means every value is 1. */
  createdByKey: Map<string, number>;
  /** Idempotency-Key → the first answer, replayed on every repeat. */
  answers: Map<string, { status: number; body: unknown }>;
  webhooks: WebhookDelivery[];
  stats: { createCalls: number; replays: number; simulatedFailures: number; slowAnswers: number };
};

/** Delivery attempts kept in state; a long demo run must not grow without bound. */
const MAX_DELIVERIES = 1000;

export function createPhoneXSimulator(opts: PhoneXSimulatorOptions) {
  const initialKnobs = knobsSchema.parse({ ...DEFAULT_KNOBS, ...pickKnobs(opts) });
  const catalog = opts.catalog ?? phonexCatalog;
  const bySku = new Map(catalog.map((i) => [i.sku, i]));
  const suppliers = opts.suppliers ?? ["wesellcellular"];
  const random = opts.random ?? Math.random;
  let seq = 0;
  let closed = false;
  /** Bumped by reset(): a request still sleeping in latencyMs must not land in the next test's state. */
  let epoch = 0;

  const state: PhoneXSimulatorState = {
    knobs: { ...initialKnobs },
    webhookUrl: opts.webhookUrl ?? null,
    orders: new Map(),
    createdByKey: new Map(),
    answers: new Map(),
    webhooks: [],
    stats: { createCalls: 0, replays: 0, simulatedFailures: 0, slowAnswers: 0 },
  };

  const sender = createWebhookSender({
    url: () => state.webhookUrl,
    secret: () => opts.webhookSecret ?? "",
    knobs: () => state.knobs,
    random,
    record: (d) => {
      state.webhooks.push(d);
      if (state.webhooks.length > MAX_DELIVERIES) state.webhooks.shift();
      opts.onWebhook?.(d);
    },
    fetchImpl: opts.fetchImpl,
    retries: opts.webhookRetries,
    backoffMs: opts.webhookBackoffMs,
    outOfOrderWindowMs: opts.outOfOrderWindowMs,
  });

  /** Move one step and send its webhook; null when the order is final. */
  function advance(o: SimOrder): Step | null {
    const step = nextStep(o, { rejectSkus: state.knobs.rejectSkus, seq: seq++ });
    if (!step) return null;
    applyStep(o, step, new Date());
    sender.send(webhookBody(o, step.event));
    return step;
  }

  const autoAdvance = createAutoAdvance<SimOrder>({
    key: (o) => o.order_id,
    paceMs: () => state.knobs.paceMs,
    shouldAdvance: (o) => !closed && state.knobs.autoAdvance && !TERMINAL.has(o.status),
    advance,
  });

  function configure(update: SimulatorConfig) {
    const { webhookUrl, ...knobs } = update;
    state.knobs = knobsSchema.parse({ ...state.knobs, ...knobs });
    if (webhookUrl !== undefined) state.webhookUrl = webhookUrl;
    // New pace or autoAdvance applies to the orders already running.
    if ("autoAdvance" in knobs || "paceMs" in knobs) autoAdvance.rescheduleAll(state.orders.values());
    return state.knobs;
  }

  function reset() {
    autoAdvance.stopAll();
    sender.clear();
    state.knobs = { ...initialKnobs };
    state.webhookUrl = opts.webhookUrl ?? null;
    state.orders.clear();
    state.createdByKey.clear();
    state.answers.clear();
    state.webhooks.length = 0;
    state.stats = { createCalls: 0, replays: 0, simulatedFailures: 0, slowAnswers: 0 };
    seq = 0;
    epoch++;
  }

  async function createOrder(req: Request): Promise<Response> {
    const key = req.headers.get("idempotency-key")?.trim();
    if (!key || key.length > 255) return fail(400, "idempotency_key_required", "Send an Idempotency-Key header (1-255 chars)");
    const read = await readJson(req);
    // From here on nothing awaits, so concurrent repeats of one key cannot interleave.
    const first = state.answers.get(key);
    if (first) {
      state.stats.replays++;
      return json(first.status, first.body, { "idempotent-replayed": "true" });
    }
    state.stats.createCalls++;
    if (random() < state.knobs.failureRate) {
      state.stats.simulatedFailures++;
      return fail(500, "internal_error", "Simulated failure; nothing was created");
    }
    if (!read.ok) return read.response;
    const parsed = phonexCreateOrderRequestSchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(422, "validation_failed", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    const body = parsed.data;
    if (!suppliers.includes(body.supplier)) return fail(422, "unknown_supplier", `Unknown supplier ${body.supplier}`);
    const unknown = body.items.find((i) => !bySku.has(i.sku));
    if (unknown) return fail(422, "unknown_sku", `Unknown SKU ${unknown.sku}`);
    if (state.orders.has(body.order_id)) {
      return fail(409, "duplicate_order", `order_id ${body.order_id} exists under another Idempotency-Key`);
    }

    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const order: SimOrder = {
      id: `px_${randomBytes(8).toString("hex")}`,
      order_id: body.order_id,
      supplier_order_id: null,
      supplier: body.supplier,
      customer_id: body.customer_id,
      items: body.items,
      shipping_address: body.shipping_address,
      metadata: body.metadata,
      status: "received",
      tracking_number: null,
      carrier: null,
      reason: null,
      cancel_requested: false,
      idempotency_key: key,
      created_at: now,
      updated_at: now,
    };
    state.orders.set(order.order_id, order);
    state.createdByKey.set(key, (state.createdByKey.get(key) ?? 0) + 1);
    // WesellCellular assigns its id on acceptance, so it is null in the first answer.
    const answer = { id: order.id, order_id: order.order_id, supplier_order_id: null, status: "received" as const };
    state.answers.set(key, { status: 201, body: answer });
    autoAdvance.schedule(order);
    if (random() < state.knobs.failAfterCreateRate) {
      state.stats.simulatedFailures++;
      return fail(500, "internal_error", "Simulated failure after the order was created");
    }
    // Drawn only while the knob is on, so a seeded `random` sees the same rolls as before it existed.
    // The wait comes after every change to state: a repeat meanwhile is replayed the answer at once.
    if (state.knobs.slowRate > 0 && random() < state.knobs.slowRate) {
      state.stats.slowAnswers++;
      await sleep(state.knobs.slowMs);
    }
    return json(201, answer);
  }

  function cancelOrder(o: SimOrder): Response {
    if (o.status === "shipped" || o.status === "delivered") return fail(409, "already_shipped", "The order has shipped");
    if (o.status === "rejected") return fail(409, "already_rejected", "The order was rejected");
    if (o.status !== "canceled") o.cancel_requested = true;
    return json(200, { status: "cancel_requested" });
  }

  /** The routes of docs/suppliers.md (PhoneX) and the query parameters each takes; anything else is not there. */
  function route(path: string): { known: boolean; params: string[] } {
    if (path === "/v1/orders") return { known: true, params: [] };
    if (path === "/v1/inventory") return { known: true, params: ["supplier", "cursor", "limit"] };
    if (/^\/v1\/orders\/[^/]+(\/cancel)?$/.test(path)) return { known: true, params: [] };
    return { known: false, params: [] };
  }

  async function api(req: Request, path: string, url: URL): Promise<Response> {
    // A real server routes before it authenticates: an undefined route is a 404, a parameter it does not take a 400.
    const r = route(path);
    if (!r.known) return fail(404, "not_found", "No such endpoint");
    const unknownParam = [...url.searchParams.keys()].find((k) => !r.params.includes(k));
    if (unknownParam) return fail(400, "bad_request", `Unknown query parameter ${unknownParam.slice(0, 40)}`);
    const startedIn = epoch;
    if (state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
    // A real PhoneX would go on after the client gave up (that is what timeouts test);
    // only a reset in between discards the request.
    if (startedIn !== epoch) return fail(503, "simulator_reset", "The simulator was reset during this request");
    if (req.headers.get("authorization") !== `Bearer ${opts.apiKey}` || !opts.apiKey) {
      return fail(401, "unauthorized", "Missing or invalid API key");
    }
    if (path === "/v1/orders") return req.method === "POST" ? createOrder(req) : fail(405, "method_not_allowed", "Use POST");
    if (path === "/v1/inventory")
      return req.method === "GET" ? inventoryResponse(url, { catalog, suppliers, pageSize: opts.pageSize }) : fail(405, "method_not_allowed", "Use GET");
    const m = /^\/v1\/orders\/([^/]+)(\/cancel)?$/.exec(path);
    if (!m) return fail(404, "not_found", "No such endpoint");
    const order = state.orders.get(decodeURIComponent(m[1]!));
    if (!order) return fail(404, "not_found", "Unknown order");
    if (m[2]) return req.method === "POST" ? cancelOrder(order) : fail(405, "method_not_allowed", "Use POST");
    return req.method === "GET" ? json(200, orderView(order)) : fail(405, "method_not_allowed", "Use GET");
  }

  const sim = {
    state,
    configure,
    reset,
    advance,
    /** Resolves when no webhook delivery is scheduled or in flight. */
    idle: () => sender.idle(),
    async handle(req: Request): Promise<Response> {
      const url = new URL(req.url);
      // Routes match on the tail, so a base URL with a path prefix works too.
      const path = /\/(?:v1|__sim)(?:\/.*)?$/.exec(url.pathname)?.[0] ?? url.pathname;
      try {
        if (path.startsWith("/__sim")) return await handleAdmin(sim, req, path);
        return await api(req, path, url);
      } catch (err) {
        return fail(500, "internal_error", err instanceof Error ? err.message : "Simulator error");
      }
    },
    close() {
      closed = true;
      autoAdvance.stopAll();
      sender.stop();
    },
  };
  return sim;
}

export type PhoneXSimulator = ReturnType<typeof createPhoneXSimulator>;
