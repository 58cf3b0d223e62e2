import "server-only";
import type { z } from "zod";
import { log } from "../../logger";
import { supplierFetch } from "../http";
import { SupplierError, type CallObserver } from "../types";
import { cjError } from "./errors";
import { cjEnvelopeSchema } from "./schemas";

/**
 * One CJ call: supplierFetch (timeouts, network and HTTP errors), then the CJ
 * envelope, whose `code` decides success even on HTTP 200, then the payload's
 * schema. The call log hears about CJ-level failures too (supplierFetch alone
 * would record an HTTP 200 with code 1600200 as a success).
 */
export type CjRequestContext = {
  baseUrl: string;
  timeoutMs: number;
  observer?: CallObserver;
  fetchImpl?: typeof fetch;
};

export type CjRequest = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number>;
  json?: unknown;
  /** The CJ-Access-Token; auth calls go without. */
  token?: string;
};

export const CJ_TOKEN_HEADER = "CJ-Access-Token";

export function cjUrl(baseUrl: string, path: string, query?: Record<string, string | number>): string {
  const qs = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : "";
  return `${baseUrl.replace(/\/+$/, "")}${path}${qs ? `?${qs}` : ""}`;
}

export async function cjRequest<S extends z.ZodType>(ctx: CjRequestContext, operation: string, schema: S, req: CjRequest): Promise<z.infer<S>> {
  let call: Parameters<CallObserver>[0] | undefined;
  let failure: SupplierError | undefined;
  try {
    const res = await supplierFetch({
      operation,
      method: req.method,
      url: cjUrl(ctx.baseUrl, req.path, req.query),
      headers: req.token ? { [CJ_TOKEN_HEADER]: req.token } : undefined,
      json: req.json,
      timeoutMs: ctx.timeoutMs,
      fetchImpl: ctx.fetchImpl,
      // Held back and reported below, once the envelope has said whether it worked.
      observer: ctx.observer ? Object.assign((c: Parameters<CallObserver>[0]) => void (call = c), { before: ctx.observer.before }) : undefined,
    }).catch((err: unknown) => {
      throw remapHttpError(err, operation);
    });

    const envelope = cjEnvelopeSchema.safeParse(res.body);
    if (!envelope.success) {
      throw new SupplierError(`${operation}: answer is not a CJ envelope`, "transient", { status: res.status, code: "malformed_response" });
    }
    const { code, message, data } = envelope.data;
    if (code !== 200) throw cjError(operation, code, message, res.status);

    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      // Transient, as for PhoneX: every CJ call is safe to repeat, and a permanent
      // error here could fail an order CJ accepted. Real drift runs out of retries.
      const where = parsed.error.issues[0]?.path.join(".") || "data";
      throw new SupplierError(`${operation}: unexpected data at ${where}`, "transient", { status: res.status, code: "malformed_response" });
    }
    return parsed.data;
  } catch (err) {
    failure = err instanceof SupplierError ? err : new SupplierError(`${operation}: ${String(err)}`, "transient");
    throw failure;
  } finally {
    if (call && ctx.observer) {
      const record = { ...call, ok: !failure, ...(failure ? { error: failure.details.code ?? failure.message } : {}) };
      try {
        await ctx.observer(record);
      } catch (err) {
        log.warn("supplier call observer failed", { operation, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

/**
 * A CJ envelope on a non-2xx answer (a 429 or 400 carrying 1600200 or 1600001)
 * is mapped by its CJ code, so "match on code" holds whatever the HTTP status.
 */
function remapHttpError(err: unknown, operation: string): unknown {
  if (!(err instanceof SupplierError)) return err;
  const code = err.details.code;
  if (!code || !/^\d{7}$/.test(code)) return err;
  return cjError(operation, Number(code), null, err.details.status);
}
