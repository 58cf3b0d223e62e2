import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";

/**
 * The webhook log's filters (GET /api/ops/webhooks and POST /api/ops/webhooks/replay): by
 * supplier (slug or id), outcome ("flagged": every event held for ops), order (id or number:
 * the events applied to it and those naming its references), time received, verified or not.
 */
export const WEBHOOK_OUTCOMES = [
  "pending",
  "applied",
  "ignored",
  "duplicate",
  "flagged",
  "unknown_order",
  "mismatch",
  "unknown_event",
  "failed",
  "rejected",
] as const;

const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2200, 0, 1);
/** "" from an empty form field is no filter. */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const date = z.preprocess(
  blank,
  z.coerce
    .date({ error: "Must be a date and time (ISO 8601)" })
    .refine((d) => d.getTime() >= MIN && d.getTime() <= MAX, "Must be between 2000 and 2200")
    .optional(),
);
const text = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).optional());

export const webhookFilterSchema = z.object({
  supplier: text(100),
  outcome: z.preprocess(blank, z.enum(WEBHOOK_OUTCOMES).optional()),
  orderId: text(100),
  from: date,
  to: date,
  verified: z.preprocess(blank, z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional()),
});
export type WebhookFilter = z.infer<typeof webhookFilterSchema>;

/** The Prisma filter for these, with the supplier and order resolved (one small read each, when given). */
export async function webhookWhere(f: WebhookFilter): Promise<Prisma.WebhookEventWhereInput> {
  const and: Prisma.WebhookEventWhereInput[] = [];
  if (f.supplier) {
    const s = await db.supplier.findFirst({ where: { OR: [{ slug: f.supplier }, { id: f.supplier }] }, select: { id: true } });
    // A supplier removed since: its events still carry its slug.
    and.push(s ? { supplierId: s.id } : { source: f.supplier });
  }
  if (f.outcome === "flagged") and.push({ flagged: true });
  else if (f.outcome) and.push({ outcome: f.outcome });
  if (f.orderId) {
    const order = await db.order.findFirst({
      where: { OR: [{ id: f.orderId }, { number: f.orderId }] },
      select: { id: true, supplierOrders: { select: { supplierId: true, reference: true } } },
    });
    if (!order) and.push({ orderId: f.orderId });
    else
      and.push({
        OR: [{ orderId: order.id }, ...order.supplierOrders.map((so) => ({ supplierId: so.supplierId, reference: so.reference }))],
      });
  }
  if (f.from) and.push({ receivedAt: { gte: f.from } });
  if (f.to) and.push({ receivedAt: { lt: f.to } });
  if (f.verified !== undefined) and.push({ verified: f.verified });
  return and.length ? { AND: and } : {};
}

/** An event with a stored body can go through processing again (rejected requests and duplicate receipts have none). */
export const replayableWhere: Prisma.WebhookEventWhereInput = { verified: true, dedupeKey: { not: null }, supplierId: { not: null } };

/** Outcomes a flagged event can have when ops attach it to an order by hand. */
export const ATTACHABLE = new Set(["unknown_order", "mismatch", "failed"]);
