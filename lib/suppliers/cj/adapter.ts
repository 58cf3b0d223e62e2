import "server-only";
import {
  SupplierError,
  type CallObserver,
  type CancelResult,
  type CreateSupplierOrderInput,
  type CreateSupplierOrderResult,
  type InventoryPage,
  type SupplierAdapter,
  type SupplierConfig,
  type SupplierEvent,
  type SupplierOrderSnapshot,
  type WebhookRequest,
  type WebhookVerification,
  type SupplierOrderRef,
  type ImportableProduct,
} from "../types";
import { MemoryCjAccountState, RedisCjAccountState, type CjAccountState } from "./account-state";
import { CjClient, CJ_MAX_PAGE_SIZE, type CjProductQuery } from "./client";
import { CJ_CODES, isCjError } from "./errors";
import { fetchInventoryPage, getProduct, readInventory, stockBySku, stockByVid, type CjProductView } from "./inventory";
import { CJ_DELETABLE, mapCjStatus, pickLogistic, toCjOrderBody, toSnapshot, type CjWarehouseStock } from "./map";
import type { CjTrackInfo } from "./schemas";
import { verifyCjSignature } from "./signature";
import { cjAccountKey, RedisCjTokenStore, type CjTokenStore, type RedisLike } from "./token-store";
import { CJ_WEBHOOK_SUCCESS, isCjInventoryEvent, parseCjWebhook } from "./webhook";

/**
 * CJ Dropshipping, API 2.0 (docs/suppliers.md (CJ)).
 *
 * Credentials: `apiKey` (required), `openId` (the webhook signing key),
 * `fromCountryCode` (ship-from warehouse, default "CN"), `payType` ("2" pay
 * from the CJ balance, the default, or "3" create only), `qps` (a cap on the
 * rate, default the supplier's rateLimitPerSec). Tokens are cached in Redis,
 * shared by every process (CjTokenStore).
 *
 * RATE: every call of the account, from every worker and process, is paced to
 * min(the account's QPS as GET /setting/get tells it, the configured rate)
 * through Redis (CjAccountState, pacer.ts); the QPS is cached 24 h and re-read
 * after repeated 1600200. A 1600200 is a transient "rate_limited" SupplierError
 * whose retryAfterMs grows with the run of them (1 s, 2 s, 4 s … ≤ 60 s, with
 * jitter); the forwarding job waits it out without spending an attempt.
 *
 * WEBHOOKS: CJ signs the body but no timestamp, so a verified ORDER or LOGISTIC
 * message may be an old one replayed. Do not act on its status: call
 * `confirmOrderEvent(event)`, which reads the order back from CJ and returns the
 * event as the API tells it. Inventory messages are confirmed the same way with
 * `confirmInventoryEvent(event)`, which also fills in their items.
 */
export type CjAdapterOptions = {
  tokenStore?: CjTokenStore;
  /**
   * The account's shared QPS, request slots and 1600200 run. Default: Redis;
   * in memory (this adapter only) when a tokenStore is given without it, as
   * unit tests do, so that they never reach for Redis.
   */
  accountState?: CjAccountState;
  /** Longest wait for a request slot before a call is held back (default 30 s). */
  maxPaceWaitMs?: number;
  /** Jitter source for the backoff (tests fix it). */
  random?: () => number;
  fetchImpl?: typeof fetch;
  /** Listing page size (≤ 100). */
  pageSize?: number;
  /** getAccessToken floor (default 5 min); tests shorten it. */
  authFloorMs?: number;
  now?: () => number;
};

/** Production default: the app's shared Redis, loaded on first use so importing stays free of connections. */
function defaultStore(apiKey: string): CjTokenStore {
  const redis = async () => (await import("../../redis")).redis satisfies RedisLike;
  return new RedisCjTokenStore(redis, cjAccountKey(apiKey));
}

function defaultAccountState(apiKey: string): CjAccountState {
  return new RedisCjAccountState(async () => (await import("../../redis")).redis, cjAccountKey(apiKey));
}

export class CjAdapter implements SupplierAdapter {
  static readonly identifier = "cj" as const;
  readonly kind = "cj" as const;
  readonly client: CjClient;
  private readonly fromCountryCode: string;
  private readonly payType: 2 | 3;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly config: SupplierConfig,
    observer?: CallObserver,
    opts: CjAdapterOptions = {},
  ) {
    const c = config.credentials;
    const apiKey = c.apiKey ?? "";
    this.fromCountryCode = (c.fromCountryCode || "CN").toUpperCase();
    this.payType = c.payType === "3" ? 3 : 2;
    this.pageSize = Math.min(CJ_MAX_PAGE_SIZE, opts.pageSize ?? CJ_MAX_PAGE_SIZE);
    this.now = opts.now ?? Date.now;
    this.client = new CjClient({
      baseUrl: config.baseUrl,
      apiKey,
      timeoutMs: config.timeoutMs,
      store: opts.tokenStore ?? defaultStore(apiKey),
      ...(opts.accountState || opts.tokenStore
        ? { accountState: opts.accountState ?? new MemoryCjAccountState() }
        : { accountState: defaultAccountState(apiKey), processKey: cjAccountKey(apiKey) }),
      qps: Number(c.qps) || config.rateLimitPerSec,
      maxPaceWaitMs: opts.maxPaceWaitMs,
      random: opts.random,
      observer,
      fetchImpl: opts.fetchImpl,
      authFloorMs: opts.authFloorMs,
      now: opts.now,
    });
  }

  /**
   * Freight first (the cheapest line from our warehouse to the address), then
   * createOrderV2 with orderNumber = our supplier-order id. A retry after a
   * create that CJ completed but we never heard back from meets 1603003, and
   * reads that order back instead of failing: still exactly one CJ order.
   */
  async createOrder(input: CreateSupplierOrderInput): Promise<CreateSupplierOrderResult> {
    const to = input.shippingAddress.country.toUpperCase();
    const options = await this.client.freightCalculate({
      startCountryCode: this.fromCountryCode,
      endCountryCode: to,
      products: input.items.map((i) => ({ quantity: i.quantity, vid: i.supplierSku })),
    });
    const line = pickLogistic(options, `${this.fromCountryCode} → ${to}`);
    const body = toCjOrderBody(input, { logisticName: line.logisticName, fromCountryCode: this.fromCountryCode, payType: this.payType });
    try {
      const created = await this.client.createOrder(body);
      return {
        supplierOrderId: created.orderId,
        externalId: created.orderId,
        status: created.orderStatus ? mapCjStatus(created.orderStatus) : "submitted",
        raw: created,
      };
    } catch (err) {
      if (!isCjError(err, CJ_CODES.DUPLICATE_ORDER_NUMBER)) throw err;
      return this.readBackDuplicate(body.orderNumber);
    }
  }

  private async readBackDuplicate(orderNumber: string): Promise<CreateSupplierOrderResult> {
    try {
      const existing = await this.client.getOrderDetail(orderNumber);
      return { supplierOrderId: existing.orderId, externalId: existing.orderId, status: mapCjStatus(existing.orderStatus), raw: existing };
    } catch (err) {
      // CJ says it has the order but cannot show it yet: try again later, never create another.
      if (isCjError(err, CJ_CODES.ORDER_NOT_FOUND)) {
        throw new SupplierError(`cj.createOrder: ${orderNumber} exists at CJ but cannot be read yet`, "transient", { code: "duplicate_not_readable" });
      }
      throw err;
    }
  }

  /** getOrderDetail by our orderNumber (the contract: "our orderNumber works too"). */
  async getOrder({ reference }: SupplierOrderRef): Promise<SupplierOrderSnapshot> {
    return toSnapshot(await this.client.getOrderDetail(reference));
  }

  /** CJ deletes an order only before it is confirmed and paid; after that it is permanent "not_cancelable". */
  async cancelOrder({ reference }: SupplierOrderRef): Promise<CancelResult> {
    const order = await this.client.getOrderDetail(reference);
    if (order.orderStatus === "CANCELLED") return { status: "canceled" };
    if (!CJ_DELETABLE.has(order.orderStatus)) {
      throw new SupplierError(`cj.cancelOrder: order ${reference} is ${order.orderStatus}; CJ only deletes unpaid orders`, "permanent", {
        code: "not_cancelable",
      });
    }
    await this.client.deleteOrder(order.orderId);
    return { status: "canceled" };
  }

  fetchInventory(cursor?: string | null): Promise<InventoryPage> {
    return fetchInventoryPage(this.client, cursor, this.pageSize);
  }

  /** Per-warehouse stock of one variant. */
  stockByVid(vid: string): Promise<CjWarehouseStock[]> {
    return stockByVid(this.client, vid);
  }

  /** Per-warehouse stock by CJ SKU (variant or product SKU). */
  stockBySku(sku: string): Promise<CjWarehouseStock[]> {
    return stockBySku(this.client, sku);
  }

  /** One product with its variants, for import: by pid, variant SKU or product SKU. */
  getProduct(pidOrSku: string | CjProductQuery): Promise<CjProductView> {
    return getProduct(this.client, pidOrSku);
  }

  /** The product import's view (SupplierAdapter.importProduct): CJ's pid is the product id. */
  async importProduct(ref: string): Promise<ImportableProduct> {
    const p = await getProduct(this.client, ref);
    return { id: p.pid, name: p.name, items: p.items };
  }

  trackInfo(trackNumber: string): Promise<CjTrackInfo> {
    return this.client.trackInfo(trackNumber);
  }

  verifyWebhook(req: WebhookRequest): WebhookVerification {
    return verifyCjSignature({
      headers: req.headers,
      rawBody: req.rawBody,
      keys: [this.config.credentials.openId, ...this.config.webhookSecrets],
    });
  }

  parseWebhook(rawBody: Buffer, eventId: string): SupplierEvent {
    return parseCjWebhook(rawBody, eventId);
  }

  /**
   * The order event as CJ's API tells it now (see the class comment): status,
   * tracking and carrier all come from getOrderDetail, not from the message.
   */
  async confirmOrderEvent(event: SupplierEvent): Promise<SupplierEvent> {
    if (event.kind !== "order") return event;
    // Read back by the order the message names by OUR reference (orderNumber): a message whose
    // orderId points elsewhere must not move that other order. Only a message that carries
    // nothing but CJ's id is read back by it (then CJ's answer says which order it is).
    const namesOurs = event.reference !== event.supplierOrderId;
    const snapshot = toSnapshot(await this.client.getOrderDetail(event.reference));
    return {
      ...event,
      reference: namesOurs ? event.reference : snapshot.reference,
      // The message's own id is kept when it disagrees, so the receiver sees the mismatch and flags it.
      supplierOrderId:
        namesOurs && event.supplierOrderId && event.supplierOrderId !== snapshot.supplierOrderId ? event.supplierOrderId : snapshot.supplierOrderId,
      status: snapshot.status,
      trackingNumber: snapshot.trackingNumber ?? null,
      carrier: snapshot.carrier ?? null,
      trackingUrl: snapshot.trackingUrl ?? null,
      occurredAt: new Date(this.now()).toISOString(),
    };
  }

  /** Every CJ message is confirmed against the API before the portal acts on it. */
  confirmEvent(event: SupplierEvent): Promise<SupplierEvent> {
    return event.kind === "order" ? this.confirmOrderEvent(event) : this.confirmInventoryEvent(event);
  }

  /** CJ wants 200 and this body within 3 s, or it retries and may pause the topic. */
  readonly webhookAck = { status: 200, body: { ...CJ_WEBHOOK_SUCCESS } };

  /** An inventory event with items read from the API for every variant/product it named. */
  async confirmInventoryEvent(event: SupplierEvent): Promise<SupplierEvent> {
    if (!isCjInventoryEvent(event)) return event;
    const { items, stockOnly } = await readInventory(this.client, event.refs);
    return { ...event, items, stockOnly, occurredAt: new Date(this.now()).toISOString() };
  }
}
