import "server-only";
import { createAutoAdvance } from "../kit/auto-advance";
import { handleAdmin } from "./admin";
import { cjCatalog, CJ_WAREHOUSES, type CjSimProduct, type CjWarehouseCode } from "../../../prisma/demo-data/cj-catalog";
import { DEFAULT_KNOBS, knobsSchema, pickKnobs, type CjSimulatorKnobs } from "./knobs";
import { applyStep, logisticMessageParams, nextStep, orderMessageParams, TERMINAL, type SimOrder, type Step } from "./lifecycle";
import { createOrderV2, deleteOrder, freightCalculate, getOrderDetail, trackInfo, type OrdersCtx } from "./orders";
import * as products from "./products";
import { fail, sleep } from "./respond";
import { admit, getAccessToken, getSettings, newSessionState, refreshAccessToken, revokeAccessTokens, revokeRefreshTokens } from "./sessions";
import { createWebhookSender, type WebhookDelivery } from "./webhooks";

/**
 * A CJ Dropshipping API 2.0 stand-in (docs/suppliers.md (CJ)) as a pure Fetch-API
 * handler: one core serves msw in unit tests, the node:http server of the demo
 * and integration tests. Routes match on the path after `/api2.0/v1` (or the
 * whole path), so any base URL works. Everything it knows is in `state`.
 */
export type CjSimulatorOptions = Partial<CjSimulatorKnobs> & {
  apiKey: string;
  /** The account's openId: returned on auth and the key webhooks are signed with. */
  openId?: string;
  webhookUrl?: string | null;
  catalog?: readonly CjSimProduct[];
  /** Server-side cap on a listV2 page, below the client's size (to exercise paging). */
  pageSize?: number;
  random?: () => number;
  now?: () => number;
  /** Used for webhook deliveries (tests capture them here instead of over HTTP). */
  fetchImpl?: typeof fetch;
  webhookRetries?: number;
  webhookBackoffMs?: number;
  outOfOrderWindowMs?: number;
  onWebhook?: (delivery: WebhookDelivery) => void;
};

export type SimulatorConfig = Partial<CjSimulatorKnobs> & { webhookUrl?: string | null };

export const DEFAULT_OPEN_ID = "1000000001";
const MAX_DELIVERIES = 1000;
/** A route of the contract: its method, the query parameters it defines (any other is a param error), its handler. */
type Route = { method: string; query?: readonly string[]; run: (req: Request, url: URL) => Response | Promise<Response> };

/** One answered request, as the request log keeps it (so a test can prove nothing undefined was asked). */
export type CjRequestLogEntry = { method: string; path: string; search: string; status: number; code: number | null; admin: boolean };
const REQUEST_LOG_LIMIT = 5000;

export function createCjSimulator(opts: CjSimulatorOptions) {
  const initialKnobs = knobsSchema.parse({ ...DEFAULT_KNOBS, ...pickKnobs(opts) });
  const catalog = opts.catalog ?? cjCatalog;
  const openId = opts.openId ?? DEFAULT_OPEN_ID;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  let seq = 0;
  let closed = false;
  let hang = new AbortController();
  /** Bumped by reset(): a request still sleeping in latencyMs must not land in the next test's state. */
  let epoch = 0;

  const state = {
    knobs: { ...initialKnobs },
    webhookUrl: opts.webhookUrl ?? null,
    orders: new Map<string, SimOrder>(),
    createdByNumber: new Map<string, number>(),
    stock: new Map<string, Record<CjWarehouseCode, number>>(),
    ...newSessionState(),
    webhooks: [] as WebhookDelivery[],
    /** Every request answered, oldest first (cleared by reset). */
    requests: [] as CjRequestLogEntry[],
    stats: { ...newSessionState().stats, createCalls: 0, duplicateCreates: 0, simulatedFailures: 0, settingsCalls: 0 },
  };
  const knobs = () => state.knobs;
  const sessions = { state, knobs, apiKey: opts.apiKey, openId, now };
  const productsCtx: products.ProductsCtx = { catalog, stock: state.stock, pageSize: opts.pageSize };

  const sender = createWebhookSender({
    url: () => state.webhookUrl,
    openId: () => openId,
    knobs,
    random,
    fetchImpl: opts.fetchImpl,
    retries: opts.webhookRetries,
    backoffMs: opts.webhookBackoffMs,
    outOfOrderWindowMs: opts.outOfOrderWindowMs,
    record: (d) => {
      state.webhooks.push(d);
      if (state.webhooks.length > MAX_DELIVERIES) state.webhooks.splice(0, state.webhooks.length - MAX_DELIVERIES);
      opts.onWebhook?.(d);
    },
  });

  function announce(o: SimOrder) {
    sender.send({ type: "ORDER", params: orderMessageParams(o) });
    if (o.trackNumber && (o.orderStatus === "SHIPPED" || o.orderStatus === "DELIVERED")) {
      sender.send({ type: "LOGISTIC", params: logisticMessageParams(o) });
    }
  }

  function announceStock(vids: string[]) {
    const params: Record<string, unknown> = {};
    for (const vid of vids) {
      const v = products.findVariant(productsCtx, vid);
      if (!v) continue;
      // Webhook rows use storageNum where the stock API says totalInventoryNum.
      params[vid] = products
        .stockRows(productsCtx, v)
        .map((r) => ({ vid, areaId: r.areaId, areaEn: r.areaEn, countryCode: r.countryCode, storageNum: r.totalInventoryNum }));
    }
    if (Object.keys(params).length) sender.send({ type: "STOCK", params });
  }

  /** Moves an order one step and sends its webhooks; null when it is final. */
  function advance(o: SimOrder): Step | null {
    const step = nextStep(o, seq++);
    if (!step) return null;
    applyStep(o, step, now());
    announce(o);
    return step;
  }

  const autoAdvance = createAutoAdvance<SimOrder>({
    key: (o) => o.orderNumber,
    paceMs: () => state.knobs.paceMs,
    shouldAdvance: (o) => {
      // A create-only order (payType 3) waits to be paid in CJ: only a manual advance moves it.
      const waitsForPayment = o.orderStatus === "CREATED" && o.request.payType === 3;
      return !closed && state.knobs.autoAdvance && !TERMINAL.has(o.orderStatus) && !waitsForPayment;
    },
    advance,
  });

  const ordersCtx: OrdersCtx = {
    state,
    products: productsCtx,
    knobs,
    random,
    now,
    nextOrderId: () => `25071610${String(++seq).padStart(10, "0")}`,
    onCreated: (o, vids) => {
      announce(o);
      announceStock(vids);
      autoAdvance.schedule(o);
    },
    onCanceled: (o) => {
      autoAdvance.cancel(o);
      announce(o);
    },
    signal: () => hang.signal,
  };

  const authRoutes: Record<string, Route> = {
    "/authentication/getAccessToken": { method: "POST", run: (req) => getAccessToken(sessions, req) },
    "/authentication/refreshAccessToken": { method: "POST", run: (req) => refreshAccessToken(sessions, req) },
  };
  const apiRoutes: Record<string, Route> = {
    "/setting/get": {
      method: "GET",
      run: () => {
        state.stats.settingsCalls++;
        return getSettings(sessions);
      },
    },
    "/product/listV2": { method: "GET", query: ["page", "size"], run: (_r, url) => products.listV2(productsCtx, url) },
    "/product/query": { method: "GET", query: ["pid", "productSku", "variantSku"], run: (_r, url) => products.queryProduct(productsCtx, url) },
    "/product/stock/queryByVid": { method: "GET", query: ["vid"], run: (_r, url) => products.stockByVid(productsCtx, url) },
    "/product/stock/queryBySku": { method: "GET", query: ["sku"], run: (_r, url) => products.stockBySku(productsCtx, url) },
    "/logistic/freightCalculate": { method: "POST", run: (req) => freightCalculate(ordersCtx, req) },
    "/logistic/trackInfo": { method: "GET", query: ["trackNumber"], run: (_r, url) => trackInfo(ordersCtx, url) },
    "/shopping/order/createOrderV2": { method: "POST", run: (req) => createOrderV2(ordersCtx, req) },
    "/shopping/order/getOrderDetail": { method: "GET", query: ["orderId"], run: (_r, url) => getOrderDetail(ordersCtx, url) },
    "/shopping/order/deleteOrder": { method: "DELETE", query: ["orderId"], run: (_r, url) => deleteOrder(ordersCtx, url) },
  };

  async function api(req: Request, path: string, url: URL): Promise<Response> {
    const startedIn = epoch;
    if (state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
    // A real CJ goes on after the client gave up (that is what timeouts test); only a reset discards it.
    if (startedIn !== epoch) return fail(500, "The simulator was reset during this request", 503);
    const route = authRoutes[path] ?? apiRoutes[path];
    if (!route) return fail(404, `No such endpoint ${path}`, 404);
    if (req.method !== route.method) return fail(405, `Use ${route.method}`, 405);
    // A parameter the contract does not define is refused, as a strict server would, before anything else.
    const unknown = [...url.searchParams.keys()].find((k) => !(route.query ?? []).includes(k));
    if (unknown !== undefined) return fail(1600300, `Param error: unknown parameter ${unknown.slice(0, 40)}`, 400);
    if (!authRoutes[path]) {
      const refused = admit(sessions, req);
      if (refused) return refused;
    }
    return route.run(req, url);
  }

  async function record(req: Request, path: string, url: URL, res: Response) {
    let code: number | null = null;
    if (res.headers.get("content-type")?.includes("json")) {
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { code?: unknown } | null;
      code = typeof body?.code === "number" ? body.code : null;
    }
    state.requests.push({ method: req.method, path, search: url.search, status: res.status, code, admin: path.startsWith("/__sim") });
    if (state.requests.length > REQUEST_LOG_LIMIT) state.requests.splice(0, state.requests.length - REQUEST_LOG_LIMIT);
  }

  const sim = {
    state,
    openId,
    warehouses: CJ_WAREHOUSES,
    advance,
    configure(update: SimulatorConfig) {
      const { webhookUrl, ...k } = update;
      state.knobs = knobsSchema.parse({ ...state.knobs, ...k });
      if (webhookUrl !== undefined) state.webhookUrl = webhookUrl;
      if ("autoAdvance" in k || "paceMs" in k) autoAdvance.rescheduleAll(state.orders.values());
      return state.knobs;
    },
    reset() {
      autoAdvance.stopAll();
      sender.clear();
      hang.abort();
      hang = new AbortController();
      state.knobs = { ...initialKnobs };
      state.webhookUrl = opts.webhookUrl ?? null;
      state.orders.clear();
      state.createdByNumber.clear();
      state.stock.clear();
      // Issued tokens survive a reset, as they survive anything at CJ; counters and limits start over.
      state.hits.clear();
      state.quotaUsed = 0;
      state.stats = { ...newSessionState().stats, createCalls: 0, duplicateCreates: 0, simulatedFailures: 0, settingsCalls: 0 };
      state.webhooks.length = 0;
      state.requests.length = 0;
      seq = 0;
      epoch++;
    },
    revokeTokens(o: { refresh?: boolean } = {}) {
      revokeAccessTokens(state);
      if (o.refresh) revokeRefreshTokens(state);
    },
    /** Resolves when no webhook delivery is scheduled or in flight. */
    idle: () => sender.idle(),
    async handle(req: Request): Promise<Response> {
      const url = new URL(req.url);
      const admin = /\/__sim(?:\/.*)?$/.exec(url.pathname)?.[0];
      const path = url.pathname.replace(/^.*\/api2\.0\/v1(?=\/)/, "");
      let res: Response;
      try {
        res = admin ? await handleAdmin(sim, req, admin) : await api(req, path, url);
      } catch (err) {
        res = fail(500, err instanceof Error ? err.message : "Simulator error", 500);
      }
      await record(req, admin ?? path, url, res);
      return res;
    },
    close() {
      closed = true;
      autoAdvance.stopAll();
      sender.stop();
      hang.abort();
    },
  };
  return sim;
}

export type CjSimulator = ReturnType<typeof createCjSimulator>;
export type CjSimulatorState = CjSimulator["state"];
