import "server-only";
import type { z } from "zod";
import { supplierFetch, type SupplierFetchOptions } from "../http";
import { SupplierError, type CallObserver } from "../types";
import {
  phonexCancelResponseSchema,
  phonexCreateOrderResponseSchema,
  phonexInventoryPageSchema,
  phonexOrderSchema,
  type PhoneXCancelResponse,
  type PhoneXCreateOrderRequest,
  type PhoneXCreateOrderResponse,
  type PhoneXInventoryPage,
  type PhoneXOrder,
} from "./schemas";

/**
 * The PhoneX HTTP API of docs/suppliers.md (PhoneX), in PhoneX's own terms (the adapter
 * maps to ours). Auth is a bearer key; every error goes through supplierFetch,
 * so 400/401/403/404/409/422 are permanent (409 already_shipped keeps its
 * code), 429 carries retryAfterMs, 5xx and timeouts are transient.
 */
export type PhoneXClientOptions = {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  observer?: CallObserver;
  fetchImpl?: typeof fetch;
};

export const PHONEX_INVENTORY_PAGE_SIZE = 500;

export class PhoneXClient {
  private readonly baseUrl: string;

  constructor(private readonly opts: PhoneXClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
  }

  /** `idempotencyKey` is our supplier-order id: a retry returns the first answer. */
  createOrder(body: PhoneXCreateOrderRequest, idempotencyKey: string): Promise<PhoneXCreateOrderResponse> {
    return this.call("phonex.createOrder", phonexCreateOrderResponseSchema, {
      method: "POST",
      url: `${this.baseUrl}/v1/orders`,
      headers: { "idempotency-key": idempotencyKey },
      json: body,
    });
  }

  getOrder(orderId: string): Promise<PhoneXOrder> {
    return this.call("phonex.getOrder", phonexOrderSchema, {
      method: "GET",
      url: `${this.baseUrl}/v1/orders/${encodeURIComponent(orderId)}`,
    });
  }

  cancelOrder(orderId: string): Promise<PhoneXCancelResponse> {
    return this.call("phonex.cancelOrder", phonexCancelResponseSchema, {
      method: "POST",
      url: `${this.baseUrl}/v1/orders/${encodeURIComponent(orderId)}/cancel`,
    });
  }

  listInventory(args: { supplier: string; cursor?: string | null; limit?: number }): Promise<PhoneXInventoryPage> {
    const qs = new URLSearchParams({
      supplier: args.supplier,
      cursor: args.cursor ?? "",
      limit: String(args.limit ?? PHONEX_INVENTORY_PAGE_SIZE),
    });
    return this.call("phonex.listInventory", phonexInventoryPageSchema, {
      method: "GET",
      url: `${this.baseUrl}/v1/inventory?${qs.toString()}`,
    });
  }

  private async call<S extends z.ZodType>(
    operation: string,
    schema: S,
    req: Pick<SupplierFetchOptions, "method" | "url" | "headers" | "json">,
  ): Promise<z.infer<S>> {
    if (!this.opts.apiKey) {
      throw new SupplierError(`${operation}: no PhoneX API key configured`, "permanent", { code: "not_configured" });
    }
    const res = await supplierFetch({
      ...req,
      operation,
      headers: { authorization: `Bearer ${this.opts.apiKey}`, ...req.headers },
      timeoutMs: this.opts.timeoutMs,
      observer: this.opts.observer,
      fetchImpl: this.opts.fetchImpl,
    });
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      // A 2xx we cannot read: transient, not permanent. Every PhoneX call is safe
      // to repeat (create is idempotent by key), and a permanent error here would
      // fail an order PhoneX may well have accepted. If the drift is real, the
      // retries run out and the order lands in `failed` for ops, who see this code.
      const where = parsed.error.issues[0]?.path.join(".") || "body";
      throw new SupplierError(`${operation}: unexpected response shape at ${where}`, "transient", {
        status: res.status,
        code: "malformed_response",
      });
    }
    return parsed.data;
  }
}
