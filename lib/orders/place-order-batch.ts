import "server-only";
import { createHash } from "node:crypto";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";
import { AppError } from "../errors";
import { findIdempotentResponse, saveIdempotentResponse } from "./idempotency";
import { placeOrder } from "./place-order";
import { isUniqueViolation, requestHash } from "./request-hash";
import { batchEnvelopeSchema, MAX_BATCH_ORDERS, placeOrderSchema } from "./schemas";

export { MAX_BATCH_ORDERS };
const envelopeSchema = batchEnvelopeSchema;

export type BatchResult =
  { index: number; status: 201; order: unknown } | { index: number; status: number; error: { code: string; message: string; fields?: Record<string, string> } };

export type BatchResponse = { data: BatchResult[]; created: number; failed: number };

/**
 * POST /api/orders/batch: up to 500 orders in one request, each placed as
 * POST /api/orders places it (prices from the catalog, stock reserved; read
 * and written many orders per statement) and answered on its own: created with the order,
 * or refused with its error and the field that is wrong (`orders.3.items.0.sku`).
 *
 * One Idempotency-Key covers the batch: the whole answer is stored under it
 * and replayed, and each order carries a key derived from it and its index,
 * so a batch cut short (a crash, a timeout) and sent again creates only the
 * orders the first attempt did not, and answers the others as they were.
 */
export async function placeOrderBatch(
  principal: Principal,
  json: unknown,
  opts: { idempotencyKey?: string; source: "api" | "web" },
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  if (!principal.companyId) throw new AppError("forbidden", "Only reseller accounts can place orders");
  const { orders } = envelopeSchema.parse(json);
  const scope = principal.companyId;
  const key = opts.idempotencyKey;
  const hash = key ? requestHash(json) : "";
  if (key) {
    const stored = await findIdempotentResponse(scope, key, hash);
    if (stored) return { ...stored, replayed: true };
  }
  const perOrderKey = key ? (i: number) => `batch:${createHash("sha256").update(key).digest("hex")}:${i}` : () => undefined;

  // All at once: intake coalesces them (lib/coalesce.ts), so the batch is read and written a
  // hundred orders per statement, each order still placed and answered on its own.
  const results: BatchResult[] = await Promise.all(orders.map((raw, i) => placeOne(principal, raw, i, perOrderKey(i), opts.source)));

  const created = results.filter((r) => r.status === 201).length;
  const body: BatchResponse = { data: results, created, failed: results.length - created };
  if (key) {
    try {
      await saveIdempotentResponse(db, { scope, key, hash, status: 200, body });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same batch sent twice at once: both placed each order once (per-order keys); answer as the first did.
      const stored = await findIdempotentResponse(scope, key, hash);
      if (stored) return { ...stored, replayed: true };
    }
  }
  return { status: 200, body, replayed: false };
}

async function placeOne(principal: Principal, raw: unknown, index: number, idempotencyKey: string | undefined, source: "api" | "web"): Promise<BatchResult> {
  const parsed = placeOrderSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[["orders", index, ...issue.path].join(".")] ??= issue.message;
    const first = Object.keys(fields)[0]!;
    return { index, status: 422, error: { code: "validation_failed", message: `${first}: ${fields[first]}`, fields } };
  }
  try {
    const r = await placeOrder(principal, parsed.data, { idempotencyKey, rawBody: raw, source });
    return r.status === 201
      ? { index, status: 201, order: r.body }
      : { index, status: r.status, error: (r.body as { error: { code: string; message: string; fields?: Record<string, string> } }).error };
  } catch (err) {
    // A refusal of this order (unknown SKU, out of stock, a key reused with another body) is its
    // answer; anything else (the database down) fails the request, and a retry with the same key
    // places only what this attempt did not.
    if (err instanceof AppError && err.status < 500) {
      const e = err.toBody().error;
      return { index, status: err.status, error: e };
    }
    throw err;
  }
}
