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
  type SupplierOrderRef,
} from "../types";
import { log } from "../../logger";
import { WscClient } from "./client";
import { mapWscStatus, toInventoryItem, toSalesOrderBody, toSnapshot } from "./map";
import { defaultTokenStore, type TokenStore } from "./token-store";

/**
 * WesellCellular, direct (docs/suppliers.md (WesellCellular)), for an account granted direct API
 * access; the default route to WSC is PhoneX (`"supplier": "wesellcellular"`).
 *
 * ASSUMED CONTRACT: WSC has published no API. This adapter speaks exactly the
 * contract we assume in the contract (login, stock list, create, read by id) and calls
 * nothing the contract does not define; it stays behind configuration (WSC_API_URL,
 * WSC_EMAIL, WSC_PASSWORD) until WSC gives us the real one.
 *
 * Identifiers: we send our supplier-order id (`idempotencyKey`) as WSC's
 * `reference`, and WSC answers with its `salesOrderId`, which the portal keeps
 * as SupplierOrder.supplierOrderId. the contract reads an order only by that
 * salesOrderId (GET /sales-orders/{id}); it has no lookup by reference, so
 * without the id an order cannot be read (permanent "not_readable").
 *
 * Cancellation: the contract defines no cancel call, so cancelOrder refuses, permanently
 * ("not_cancelable"): ops cancel with WesellCellular directly, and the poller
 * then sees the order Cancelled.
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

  /** the contract defines only GET /sales-orders/{id}: by the salesOrderId the create answered, never by reference. */
  async getOrder({ reference, supplierOrderId }: SupplierOrderRef): Promise<SupplierOrderSnapshot> {
    if (!supplierOrderId) throw notReadable(reference);
    return toSnapshot(await this.client.getSalesOrder(supplierOrderId), reference);
  }

  /** the contract has no cancel endpoint: never a request, always a permanent refusal for ops to follow up. */
  async cancelOrder({ reference, supplierOrderId }: SupplierOrderRef): Promise<CancelResult> {
    throw new SupplierError(
      `WesellCellular's contract (the contract) has no cancel call; ops must cancel sales order ${supplierOrderId ?? `(reference ${reference})`} with WesellCellular directly`,
      "permanent",
      { code: "not_cancelable" },
    );
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

/** Without WSC's salesOrderId there is no the contract call that names the order. */
function notReadable(reference: string) {
  return new SupplierError(`wesellcellular: order ${reference} has no salesOrderId; the contract reads orders only by it, not by our reference`, "permanent", {
    code: "not_readable",
  });
}
