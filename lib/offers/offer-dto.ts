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

export type OfferLineDto = {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  listPrice: string;
  lineTotal: string;
  /** Staff only (our sourcing): the supplier cost when offered, when accepted, and now; the margin now. */
  costAtOffer?: string | null;
  costAtAcceptance?: string | null;
  cost?: string | null;
  margin?: string | null;
  costMoved?: boolean;
};
/** Staff only: the offer's margin against the current supplier costs. */
export type OfferMarginDto = { margin: string | null; marginPercent: number | null; costMoved: boolean; belowCost: boolean };
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
  /** Staff only. */
  margin?: OfferMarginDto;
};

/** Who did a step, as the buyer may know it: themselves, "ops", or "portal" for the system. */
function resellerSource(source: string): string {
  if (source.startsWith("ops:")) return "ops";
  if (source === "system") return "portal";
  return source;
}

/**
 * The offer as its reader may see it. Staff pass `costs` (lib/catalog/routed-costs.ts: productId → supplier
 * cost now) and get each line's costs and margin and the offer's; a buyer never sees a cost.
 */
export function serializeOffer(o: OfferRow, opts: { staff?: boolean; costs?: ReadonlyMap<string, string> } = {}): OfferDto {
  const staff = opts.staff && opts.costs;
  const lines: OfferLineDto[] = o.lines.map((l) => {
    const base = {
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      listPrice: money(l.listPrice),
      lineTotal: formatCents(toCents(l.unitPrice) * l.quantity),
    };
    if (!staff) return base;
    const cost = opts.costs!.get(l.productId) ?? null;
    const costAtOffer = l.costAtOffer === null ? null : money(l.costAtOffer);
    return {
      ...base,
      costAtOffer,
      costAtAcceptance: l.costAtAcceptance === null ? null : money(l.costAtAcceptance),
      cost,
      margin: cost === null ? null : formatCents((toCents(l.unitPrice) - toCents(cost)) * l.quantity),
      costMoved: cost !== null && costAtOffer !== null && cost !== costAtOffer,
    };
  });
  const total = lines.reduce((s, l) => s + toCents(l.lineTotal), 0);
  let margin: OfferMarginDto | undefined;
  if (staff) {
    const known = lines.every((l) => l.margin != null);
    const cents = known ? lines.reduce((s, l) => s + toCents(l.margin!), 0) : null;
    margin = {
      margin: cents === null ? null : formatCents(cents),
      marginPercent: cents === null || total === 0 ? null : Math.round((cents / total) * 1000) / 10,
      costMoved: lines.some((l) => l.costMoved),
      belowCost: lines.some((l) => l.margin != null && toCents(l.margin) < 0),
    };
  }
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
    total: formatCents(total),
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
    ...(margin ? { margin } : {}),
  };
}

/** The terms on the table, for the timeline. */
export function termsOf(lines: { sku: string; quantity: number; unitPrice: Prisma.Decimal | string }[]) {
  return lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: money(l.unitPrice) }));
}
