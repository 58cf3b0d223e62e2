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
  type WebhookVerification,
} from "../types";
import { log } from "../../logger";
import { WscClient } from "./client";
import { mapWscStatus, toInventoryItem, toSalesOrderBody, toSnapshot } from "./map";
import { defaultTokenStore, type TokenStore } from "./token-store";

/**
 * WesellCellular, direct (contracts.md §5), for an account granted direct API
 * access; the default route to WSC is PhoneX (`"supplier": "wesellcellular"`).
 *
 * ASSUMED CONTRACT: WSC has published no API. This adapter speaks the contract
 * we assume in §5 plus the gaps we filled (marked in schemas.ts and client.ts);
 * it stays behind configuration (WSC_API_URL, WSC_EMAIL, WSC_PASSWORD) until
 * WSC gives us the real one.
 *
 * Identifiers: we send our supplier-order id (`idempotencyKey`) as WSC's
 * `reference`, and WSC answers with its `salesOrderId`, which the portal keeps
 * as SupplierOrder.supplierOrderId. So:
 * - getOrder / cancelOrder take OUR reference, i.e. the supplier-order id we
 *   sent, and find the order with the assumed `GET /sales-orders?reference=`;
 * - getOrderById / cancelOrderById take WSC's salesOrderId (the contract's own
 *   endpoints, one call fewer): prefer them when supplierOrderId is known.
 *
 * Credentials: `email`, `password`. No webhooks: open orders are polled.
 */
export type WesellCellularAdapterOptions = {
  /** Where session tokens are shared; Redis by default, memory in tests. */
  tokenStore?: TokenStore;
  /** Stock-list page size asked for (assumed WSC accepts up to 100). */
  pageSize?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
};

export const WSC_DEFAULT_PAGE_SIZE = 100;

export class WesellCellularAdapter implements SupplierAdapter {
  static readonly identifier = "wesellcellular" as const;
  readonly kind = "wesellcellular" as const;
  private readonly client: WscClient;
  private readonly pageSize: number;

  constructor(config: SupplierConfig, observer?: CallObserver, opts: WesellCellularAdapterOptions = {}) {
    this.pageSize = opts.pageSize ?? WSC_DEFAULT_PAGE_SIZE;
    this.client = new WscClient({
      baseUrl: config.baseUrl,
      email: config.credentials.email ?? "",
      password: config.credentials.password ?? "",
      timeoutMs: config.timeoutMs,
      tokenStore: opts.tokenStore ?? defaultTokenStore(),
      observer,
      fetchImpl: opts.fetchImpl,
      now: opts.now,
    });
  }

  async createOrder(input: CreateSupplierOrderInput): Promise<CreateSupplierOrderResult> {
    const res = await this.client.createSalesOrder(toSalesOrderBody(input));
    // A repeated reference returns the existing order, possibly further along than Pending.
    return { supplierOrderId: res.salesOrderId, status: mapWscStatus(res.status), raw: res };
  }

  /** `reference`: the supplier-order id we sent as WSC's reference. */
  async getOrder(reference: string): Promise<SupplierOrderSnapshot> {
    return toSnapshot(await this.client.findSalesOrderByReference(reference), reference);
  }

  /** By WSC's salesOrderId (SupplierOrder.supplierOrderId). */
  async getOrderById(salesOrderId: string): Promise<SupplierOrderSnapshot> {
    const order = await this.client.getSalesOrder(salesOrderId);
    // §5's GET answer carries no reference; the id stands in when WSC does not echo it.
    return toSnapshot(order, order.reference ?? salesOrderId);
  }

  async cancelOrder(reference: string): Promise<CancelResult> {
    const order = await this.client.findSalesOrderByReference(reference);
    return this.cancelOrderById(order.salesOrderId);
  }

  /** Assumed: cancel is immediate before shipment; WSC answers 409 (permanent) once it cannot. */
  async cancelOrderById(salesOrderId: string): Promise<CancelResult> {
    const order = await this.client.cancelSalesOrder(salesOrderId);
    return { status: order.status === "Cancelled" ? "canceled" : "cancel_requested" };
  }

  /** `cursor` is the next page number as a string; null/undefined starts at page 1. */
  async fetchInventory(cursor?: string | null): Promise<InventoryPage> {
    const page = cursor == null || cursor === "" ? 1 : Number(cursor);
    if (!Number.isSafeInteger(page) || page < 1) {
      throw new SupplierError(`wesellcellular.listStock: bad cursor ${String(cursor).slice(0, 32)}`, "permanent", { code: "invalid_cursor" });
    }
    // Out-of-stock items are left out (includeOutOfStock=false): a full sync must
    // treat an item missing from every page as stock 0.
    const res = await this.client.listStock({ page, pageSize: this.pageSize });
    return {
      items: res.items.flatMap((item) => {
        try {
          return [toInventoryItem(item)];
        } catch (err) {
          // One item we cannot name (a model of symbols only) must not stop the whole sync.
          log.warn("wesellcellular stock item skipped", { itemNumber: item.itemNumber, error: err instanceof Error ? err.message : String(err) });
          return [];
        }
      }),
      nextCursor: res.page < res.totalPages ? String(res.page + 1) : null,
    };
  }

  verifyWebhook(): WebhookVerification {
    return { ok: false, status: 400, reason: "WesellCellular sends no webhooks; orders are polled" };
  }

  parseWebhook(): SupplierEvent {
    throw new SupplierError("WesellCellular sends no webhooks; orders are polled", "permanent", { code: "unsupported" });
  }
}
