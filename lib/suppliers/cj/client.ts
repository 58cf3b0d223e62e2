import "server-only";
import { z } from "zod";
import type { CallObserver } from "../types";
import { CjAuth } from "./auth";
import { CJ_CODES, isCjError } from "./errors";
import type { CjAccountState } from "./account-state";
import { CjPacer } from "./pacer";
import { cjRequest, type CjRequest, type CjRequestContext } from "./request";
import {
  cjCreateOrderDataSchema,
  cjFreightListSchema,
  cjOrderDetailSchema,
  cjProductListSchema,
  cjProductSchema,
  cjSettingsSchema,
  cjStockRowsSchema,
  cjTrackInfoSchema,
  type CjCreateOrderData,
  type CjCreateOrderRequest,
  type CjFreightOption,
  type CjFreightRequest,
  type CjOrderDetail,
  type CjProduct,
  type CjProductList,
  type CjSettings,
  type CjStockRow,
  type CjTrackInfo,
} from "./schemas";
import type { CjTokenStore } from "./token-store";

/**
 * CJ Dropshipping API 2.0 in CJ's own terms (the adapter maps to ours). Every
 * call carries `CJ-Access-Token` from CjAuth; a 1600001 refreshes the token and
 * repeats the call once (CJ refused it before doing anything, so repeating is
 * safe, creation included). Everything else surfaces as a SupplierError.
 *
 * Every API call is paced fleet-wide to the account's QPS (CjPacer: read from
 * GET /setting/get, cached in the shared CjAccountState), and a 1600200 comes
 * back with a retryAfterMs that grows while CJ keeps refusing.
 */
export type CjClientOptions = {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  store: CjTokenStore;
  /** The configured rate for the account (credentials.qps or rateLimitPerSec); the account's own QPS from /setting/get caps it. */
  qps?: number;
  /** Shared per-account state: cached QPS, request slots, 1600200 run (Redis in production). */
  accountState: CjAccountState;
  /** Longest wait for a request slot before the call is held back as "rate_limited". */
  maxPaceWaitMs?: number;
  /** Jitter source (tests make it fixed). */
  random?: () => number;
  /** Shares this process's memo of the account QPS across clients (cjAccountKey; only with shared accountState). */
  processKey?: string;
  observer?: CallObserver;
  fetchImpl?: typeof fetch;
  authFloorMs?: number;
  now?: () => number;
};

export type CjProductQuery = { pid: string } | { productSku: string } | { variantSku: string };

/** listV2 allows up to 100 rows a page. */
export const CJ_MAX_PAGE_SIZE = 100;

const anyData = z.unknown();

export class CjClient {
  readonly auth: CjAuth;
  readonly pacer: CjPacer;
  private readonly ctx: CjRequestContext;

  constructor(opts: CjClientOptions) {
    // Auth calls go unpaced (CJ limits them on their own: auth.ts); API calls are paced in send().
    this.ctx = { baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs, observer: opts.observer, fetchImpl: opts.fetchImpl };
    this.pacer = new CjPacer({
      state: opts.accountState,
      processKey: opts.processKey,
      configuredQps: opts.qps ?? 0,
      fetchQps: async () => (await this.getSettings()).qpsLimit,
      maxWaitMs: opts.maxPaceWaitMs,
      random: opts.random,
    });
    this.auth = new CjAuth({ apiKey: opts.apiKey, store: opts.store, request: this.ctx, authFloorMs: opts.authFloorMs, now: opts.now });
  }

  /** GET /setting/get: the account's settings, its QPS limit among them (schemas.ts says which fields). */
  getSettings(): Promise<CjSettings> {
    return this.call("cj.getSettings", cjSettingsSchema, { method: "GET", path: "/setting/get" }, { settings: true });
  }

  listProducts(page: number, size: number): Promise<CjProductList> {
    return this.call("cj.listProducts", cjProductListSchema, {
      method: "GET",
      path: "/product/listV2",
      query: { page, size: Math.min(size, CJ_MAX_PAGE_SIZE) },
    });
  }

  /** A product with its variants (prices, no stock: stock/queryByVid gives that). */
  queryProduct(q: CjProductQuery): Promise<CjProduct> {
    return this.call("cj.queryProduct", cjProductSchema, { method: "GET", path: "/product/query", query: q });
  }

  stockByVid(vid: string): Promise<CjStockRow[]> {
    return this.call("cj.stockByVid", cjStockRowsSchema, { method: "GET", path: "/product/stock/queryByVid", query: { vid } });
  }

  stockBySku(sku: string): Promise<CjStockRow[]> {
    return this.call("cj.stockBySku", cjStockRowsSchema, { method: "GET", path: "/product/stock/queryBySku", query: { sku } });
  }

  freightCalculate(body: CjFreightRequest): Promise<CjFreightOption[]> {
    return this.call("cj.freightCalculate", cjFreightListSchema, { method: "POST", path: "/logistic/freightCalculate", json: body });
  }

  createOrder(body: CjCreateOrderRequest): Promise<CjCreateOrderData> {
    return this.call("cj.createOrder", cjCreateOrderDataSchema, { method: "POST", path: "/shopping/order/createOrderV2", json: body });
  }

  /** `orderId` is CJ's order id or our orderNumber; CJ accepts both. */
  getOrderDetail(orderId: string): Promise<CjOrderDetail> {
    return this.call("cj.getOrderDetail", cjOrderDetailSchema, { method: "GET", path: "/shopping/order/getOrderDetail", query: { orderId } });
  }

  async deleteOrder(orderId: string): Promise<void> {
    await this.call("cj.deleteOrder", anyData, { method: "DELETE", path: "/shopping/order/deleteOrder", query: { orderId } });
  }

  trackInfo(trackNumber: string): Promise<CjTrackInfo> {
    return this.call("cj.trackInfo", cjTrackInfoSchema, { method: "GET", path: "/logistic/trackInfo", query: { trackNumber } });
  }

  private async call<S extends z.ZodType>(operation: string, schema: S, req: Omit<CjRequest, "token">, pace: { settings?: boolean } = {}): Promise<z.infer<S>> {
    const token = await this.auth.token();
    try {
      return await this.send(operation, schema, { ...req, token }, pace);
    } catch (err) {
      if (!isCjError(err, CJ_CODES.INVALID_TOKEN)) throw err;
      // Once: if the fresh token is refused too, the worker's retry takes over.
      const fresh = await this.auth.renew(token);
      return this.send(operation, schema, { ...req, token: fresh }, pace);
    }
  }

  /** One paced request: a slot first, then the call; its outcome feeds the 1600200 backoff. */
  private async send<S extends z.ZodType>(operation: string, schema: S, req: CjRequest, pace: { settings?: boolean }): Promise<z.infer<S>> {
    await this.pacer.slot(operation, pace);
    let result: z.infer<S>;
    try {
      result = await cjRequest(this.ctx, operation, schema, req);
    } catch (err) {
      throw await this.pacer.settle(err);
    }
    await this.pacer.settle(null);
    return result;
  }
}
