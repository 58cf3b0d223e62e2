import type { Prisma } from "../db/generated/client";
import { toCents } from "../money";

/** An offer rule as stored (OfferRule). */
export type OfferRuleRow = Prisma.OfferRuleGetPayload<object>;

type TermsProduct = {
  brand: string;
  model: string;
  grade: string;
  category: string;
  offerTerms: { floor: Prisma.Decimal | null; autoAccept: Prisma.Decimal | null; expiryHours: number | null } | null;
};
export type ResolvedTerms = { floorCents: number | null; autoAcceptCents: number | null; expiryHours: number | null };

const same = (a: string | null, b: string) => a === null || a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The terms an offer line meets: the product's own (field by field), else the first active rule
 * (lowest priority number) whose matchers all fit, its percentages taken of the buyer's list price.
 */
export function resolveTerms(p: TermsProduct, listCents: number, rules: readonly OfferRuleRow[]): ResolvedTerms {
  const rule = rules.find((r) => r.active && same(r.brand, p.brand) && same(r.model, p.model) && same(r.grade, p.grade) && same(r.category, p.category));
  const pct = (v: Prisma.Decimal | null | undefined) => (v == null ? null : Math.round((listCents * Number(v)) / 100));
  return {
    floorCents: p.offerTerms?.floor != null ? toCents(p.offerTerms.floor) : pct(rule?.floorPercent),
    autoAcceptCents: p.offerTerms?.autoAccept != null ? toCents(p.offerTerms.autoAccept) : pct(rule?.autoAcceptPercent),
    expiryHours: p.offerTerms?.expiryHours ?? rule?.expiryHours ?? null,
  };
}
