import "server-only";
import type { Prisma } from "../db/generated/client";
import { formatCents, money, toCents } from "../money";
import { awaiting, type OfferStatus } from "./state-machine";

export const offerInclude = {
  lines: { orderBy: { id: "asc" } },
  events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  company: { select: { name: true, customerId: true } },
} satisfies Prisma.OfferInclude;
export type OfferRow = Prisma.OfferGetPayload<{ include: typeof offerInclude }>;

export type OfferLineDto = { sku: string; name: string; quantity: number; unitPrice: string; listPrice: string; lineTotal: string };
export type OfferDto = {
  id: string;
  number: string;
  status: OfferStatus;
  /** Whose move it is: "ops" (an open offer), "buyer" (a counter, or an accepted offer to order), or null when it is over. */
  awaiting: "ops" | "buyer" | null;
  message: string | null;
  reason: string | null;
  currency: string;
  orderOnAcceptance: boolean;
  expiresAt: string;
  holdUntil: string | null;
  orderId: string | null;
  lines: OfferLineDto[];
  total: string;
  timeline: { at: string; type: string; status: OfferStatus; source: string; message: string | null; terms: unknown }[];
  company: { name: string; customerId: string };
  createdAt: string;
  updatedAt: string;
};

/** Who did a step, as the buyer may know it: themselves, "ops", or "portal" for the system. */
function resellerSource(source: string): string {
  if (source.startsWith("ops:")) return "ops";
  if (source === "system") return "portal";
  return source;
}

export function serializeOffer(o: OfferRow, opts: { staff?: boolean } = {}): OfferDto {
  const lines = o.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: money(l.unitPrice),
    listPrice: money(l.listPrice),
    lineTotal: formatCents(toCents(l.unitPrice) * l.quantity),
  }));
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    awaiting: awaiting(o.status),
    message: o.message,
    reason: o.reason,
    currency: o.currency,
    orderOnAcceptance: o.orderOnAcceptance,
    expiresAt: o.expiresAt.toISOString(),
    holdUntil: o.holdUntil?.toISOString() ?? null,
    orderId: o.orderId,
    lines,
    total: formatCents(lines.reduce((s, l) => s + toCents(l.lineTotal), 0)),
    timeline: o.events.map((e) => ({
      at: e.createdAt.toISOString(),
      type: e.type,
      status: e.status,
      source: opts.staff ? e.source : resellerSource(e.source),
      message: e.message,
      terms: e.terms ?? null,
    })),
    company: o.company,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** The terms on the table, for the timeline. */
export function termsOf(lines: { sku: string; quantity: number; unitPrice: Prisma.Decimal | string }[]) {
  return lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: money(l.unitPrice) }));
}
