import "server-only";
import type { z } from "zod";
import { supplierFetch, type SupplierFetchOptions } from "../http";
import { SupplierError, type CallObserver } from "../types";
import {
  wscCreateSalesOrderResponseSchema,
  wscLoginResponseSchema,
  wscSalesOrderSchema,
  wscStockPageSchema,
  type WscCreateSalesOrderRequest,
  type WscCreateSalesOrderResponse,
  type WscSalesOrder,
  type WscStockPage,
} from "./schemas";
import { WscSession } from "./session";
import type { TokenStore } from "./token-store";

/**
 * The WesellCellular direct API in WSC's own terms (the adapter maps to ours).
 *
 * ASSUMED CONTRACT (docs/suppliers.md (WesellCellular)): WSC publishes no API; this is what we
 * assume until they give us one. It speaks exactly the contract's four calls and no
 * other: POST /auth/login, GET /stocklist/items, POST /sales-orders and
 * GET /sales-orders/{id}. the contract has no lookup by our reference and no cancel, so
 * there are none here (a server that follows the contract would answer them 404).
 * Auth is a bearer token from POST /auth/login;
 * any 401 on a call logs in again once and repeats the call. Errors go through
 * supplierFetch: 5xx and timeouts transient, 429 transient with Retry-After,
 * other 4xx permanent.
 */
export type WscClientOptions = {
  baseUrl: string;
  email: string;
  password: string;
  timeoutMs: number;
  tokenStore: TokenStore;
  observer?: CallObserver;
  fetchImpl?: typeof fetch;
  now?: () => number;
};

type Request = Pick<SupplierFetchOptions, "method" | "url" | "json">;

export class WscClient {
  private readonly baseUrl: string;
  private readonly session: WscSession;

  constructor(private readonly opts: WscClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.session = new WscSession({
      baseUrl: this.baseUrl,
      email: opts.email,
      store: opts.tokenStore,
      now: opts.now,
      login: () => this.login(),
    });
  }

  listStock(args: { page: number; pageSize: number }): Promise<WscStockPage> {
    const qs = new URLSearchParams({ includeOutOfStock: "false", page: String(args.page), pageSize: String(args.pageSize) });
    return this.call("wesellcellular.listStock", wscStockPageSchema, { method: "GET", url: `${this.baseUrl}/stocklist/items?${qs.toString()}` });
  }

  /** Safe to repeat: WSC answers a known `reference` with the order it already has. */
  createSalesOrder(body: WscCreateSalesOrderRequest): Promise<WscCreateSalesOrderResponse> {
    return this.call("wesellcellular.createSalesOrder", wscCreateSalesOrderResponseSchema, {
      method: "POST",
      url: `${this.baseUrl}/sales-orders`,
      json: body,
    });
  }

  /** By WSC's salesOrderId, as the create answered it (our SupplierOrder.supplierOrderId). */
  getSalesOrder(salesOrderId: string): Promise<WscSalesOrder> {
    return this.call("wesellcellular.getSalesOrder", wscSalesOrderSchema, {
      method: "GET",
      url: `${this.baseUrl}/sales-orders/${encodeURIComponent(salesOrderId)}`,
    });
  }

  private async login(): Promise<{ token: string; ttlMs: number }> {
    if (!this.opts.email || !this.opts.password) {
      throw new SupplierError("wesellcellular.login: no WesellCellular email/password configured", "permanent", { code: "not_configured" });
    }
    const res = await this.fetch("wesellcellular.login", {
      method: "POST",
      url: `${this.baseUrl}/auth/login`,
      json: { email: this.opts.email, password: this.opts.password },
    });
    const body = this.parse("wesellcellular.login", wscLoginResponseSchema, res);
    return { token: body.token, ttlMs: Math.round(body.expiresIn * 1000) };
  }

  /** An authenticated call: on 401, one fresh login and one more try, never more. */
  private async call<S extends z.ZodType>(operation: string, schema: S, req: Request): Promise<z.infer<S>> {
    const token = await this.session.token();
    let res;
    try {
      res = await this.fetch(operation, req, token);
    } catch (err) {
      if (!(err instanceof SupplierError) || err.details.status !== 401) throw err;
      res = await this.fetch(operation, req, await this.session.renew(token));
    }
    return this.parse(operation, schema, res);
  }

  private fetch(operation: string, req: Request, token?: string) {
    return supplierFetch({
      ...req,
      operation,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      timeoutMs: this.opts.timeoutMs,
      observer: this.opts.observer,
      fetchImpl: this.opts.fetchImpl,
    });
  }

  private parse<S extends z.ZodType>(operation: string, schema: S, res: { status: number; body: unknown }): z.infer<S> {
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      // A 2xx we cannot read: transient, like PhoneX. Every call is safe to repeat
      // (create is idempotent by reference), and a permanent error could strand an
      // order WSC accepted; real drift runs out of retries and lands with ops.
      const where = parsed.error.issues[0]?.path.join(".") || "body";
      throw new SupplierError(`${operation}: unexpected response shape at ${where}`, "transient", {
        status: res.status,
        code: "malformed_response",
      });
    }
    return parsed.data;
  }
}
