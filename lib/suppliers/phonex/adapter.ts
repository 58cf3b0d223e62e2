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
} from "../types";
import { PhoneXClient } from "./client";
import { mapPhoneXStatus, toInventoryItem, toPhoneXOrderBody, toSnapshot, toSupplierEvent } from "./map";
import { PHONEX_EVENTS, phonexWebhookSchema } from "./schemas";
import { verifyPhoneXSignature } from "./signature";

/**
 * PhoneX, the middleware in front of WesellCellular (docs/suppliers.md (PhoneX) and docs/api.md (PhoneX webhooks)).
 * Credentials: `apiKey`; webhook secrets: every active one (rotation).
 */
export type PhoneXAdapterOptions = {
  /** The wholesaler behind PhoneX when the order does not name one. */
  upstream?: string;
  fetchImpl?: typeof fetch;
};

export const PHONEX_DEFAULT_UPSTREAM = "wesellcellular";

export class PhoneXAdapter implements SupplierAdapter {
  static readonly identifier = "phonex" as const;
  readonly kind = "phonex" as const;
  private readonly client: PhoneXClient;
  private readonly upstream: string;

  constructor(
    private readonly config: SupplierConfig,
    observer?: CallObserver,
    opts: PhoneXAdapterOptions = {},
  ) {
    this.upstream = opts.upstream ?? PHONEX_DEFAULT_UPSTREAM;
    this.client = new PhoneXClient({
      baseUrl: config.baseUrl,
      apiKey: config.credentials.apiKey ?? "",
      timeoutMs: config.timeoutMs,
      observer,
      fetchImpl: opts.fetchImpl,
    });
  }

  async createOrder(input: CreateSupplierOrderInput): Promise<CreateSupplierOrderResult> {
    const res = await this.client.createOrder(toPhoneXOrderBody(input, this.upstream), input.idempotencyKey);
    return { supplierOrderId: res.supplier_order_id, externalId: res.id, status: mapPhoneXStatus(res.status), raw: res };
  }

  /** the contract: GET /v1/orders/{order_id}, our reference. */
  async getOrder({ reference }: SupplierOrderRef): Promise<SupplierOrderSnapshot> {
    return toSnapshot(await this.client.getOrder(reference));
  }

  async cancelOrder({ reference }: SupplierOrderRef): Promise<CancelResult> {
    return this.client.cancelOrder(reference);
  }

  async fetchInventory(cursor?: string | null): Promise<InventoryPage> {
    const page = await this.client.listInventory({ supplier: this.upstream, cursor });
    return { items: page.items.map(toInventoryItem), nextCursor: page.next_cursor };
  }

  verifyWebhook(req: WebhookRequest): WebhookVerification {
    return verifyPhoneXSignature({
      headers: req.headers,
      rawBody: req.rawBody,
      secrets: this.config.webhookSecrets,
      now: req.now,
    });
  }

  parseWebhook(rawBody: Buffer, eventId: string): SupplierEvent {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString("utf8"));
    } catch {
      throw new SupplierError("phonex webhook: body is not JSON", "permanent", { code: "malformed" });
    }
    const event = (json as { event?: unknown } | null)?.event;
    if (typeof event === "string" && !(PHONEX_EVENTS as readonly string[]).includes(event)) {
      // Told apart from "malformed" so the receiver can store an event PhoneX added
      // later instead of refusing it forever.
      throw new SupplierError(`phonex webhook: unknown event ${event.slice(0, 64)}`, "permanent", { code: "unknown_event" });
    }
    const parsed = phonexWebhookSchema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join(".") || "body";
      throw new SupplierError(`phonex webhook: malformed at ${where}`, "permanent", { code: "malformed" });
    }
    return toSupplierEvent(parsed.data, eventId);
  }
}
