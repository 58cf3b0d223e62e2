import "server-only";
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { money, toCents } from "../money";
import { wellFormedString } from "../wire/well-formed";

const price = z
  .union([z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as "231.00"'), z.number().positive()])
  .transform((v) => money(v))
  .nullable();
const expiryHours = z.number().int("Whole hours").min(1, "At least 1 hour").max(720, "At most 720 hours (30 days)").nullable();

/** PATCH /api/ops/products/{sku}/offer-terms: null clears one. */
export const offerTermsSchema = z.strictObject({ floor: price.optional(), autoAccept: price.optional(), expiryHours: expiryHours.optional() });

/** Ops set a product's offer floor, auto-accept price and expiry (make-offer.ts applies them). */
export async function setOfferTerms(sku: string, raw: unknown, actor: AuditActor = "system") {
  const input = offerTermsSchema.parse(raw);
  const product = await db.product.findUnique({ where: { sku }, select: { id: true, offerTerms: true } });
  if (!product) throw new AppError("not_found", `No product ${sku}`);
  const floor = input.floor !== undefined ? input.floor : (product.offerTerms?.floor?.toString() ?? null);
  const autoAccept = input.autoAccept !== undefined ? input.autoAccept : (product.offerTerms?.autoAccept?.toString() ?? null);
  const hours = input.expiryHours !== undefined ? input.expiryHours : (product.offerTerms?.expiryHours ?? null);
  if (floor !== null && autoAccept !== null && toCents(autoAccept) < toCents(floor))
    throw new AppError("validation_failed", "The auto-accept price cannot be below the floor", { fields: { autoAccept: "At least the floor" } });
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.productOfferTerms.upsert({
      where: { productId: product.id },
      create: { productId: product.id, floor, autoAccept, expiryHours: hours },
      update: { floor, autoAccept, expiryHours: hours },
    });
    const t = product.offerTerms;
    await recordAudit(tx, {
      actor,
      action: "offer_terms.updated",
      entityType: "product",
      entityId: sku,
      before: t ? { floor: t.floor ? money(t.floor) : null, autoAccept: t.autoAccept ? money(t.autoAccept) : null, expiryHours: t.expiryHours } : null,
      after: { floor: saved.floor ? money(saved.floor) : null, autoAccept: saved.autoAccept ? money(saved.autoAccept) : null, expiryHours: saved.expiryHours },
    });
    return saved;
  }, TX_OPTIONS);
  return { sku, floor: row.floor ? money(row.floor) : null, autoAccept: row.autoAccept ? money(row.autoAccept) : null, expiryHours: row.expiryHours };
}

// ─── Rules ──────────────────────────────────────────────────────────────────

const percent = z
  .union([z.number(), z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'A percentage such as "85" or "92.5"')])
  .transform((v) => Number(v))
  .pipe(z.number().gt(0, "More than 0").max(200, "At most 200"))
  .nullable();
const matcher = wellFormedString()
  .trim()
  .max(100)
  .nullable()
  .transform((v) => (v ? v : null));

const ruleFields = {
  name: wellFormedString().trim().min(1, "Required").max(100),
  brand: matcher.optional(),
  model: matcher.optional(),
  grade: matcher.optional(),
  category: matcher.optional(),
  floorPercent: percent.optional(),
  autoAcceptPercent: percent.optional(),
  expiryHours: expiryHours.optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
};
/** POST /api/ops/offer-rules. */
export const createOfferRuleSchema = z.strictObject(ruleFields);
/** PATCH /api/ops/offer-rules/{id}. */
export const updateOfferRuleSchema = z.strictObject({ ...ruleFields, name: ruleFields.name.optional() });

import type { OfferRuleRow } from "./resolve-terms";
export type OfferRuleDto = {
  id: string;
  name: string;
  brand: string | null;
  model: string | null;
  grade: string | null;
  category: string | null;
  floorPercent: number | null;
  autoAcceptPercent: number | null;
  expiryHours: number | null;
  priority: number;
  active: boolean;
  updatedAt: string;
};
const ruleDto = (r: OfferRuleRow): OfferRuleDto => ({
  id: r.id,
  name: r.name,
  brand: r.brand,
  model: r.model,
  grade: r.grade,
  category: r.category,
  floorPercent: r.floorPercent === null ? null : Number(r.floorPercent),
  autoAcceptPercent: r.autoAcceptPercent === null ? null : Number(r.autoAcceptPercent),
  expiryHours: r.expiryHours,
  priority: r.priority,
  active: r.active,
  updatedAt: r.updatedAt.toISOString(),
});

function checkPercents(floor: number | null | undefined, auto: number | null | undefined) {
  if (floor != null && auto != null && auto < floor)
    throw new AppError("validation_failed", "The auto-accept percentage cannot be below the floor", {
      fields: { autoAcceptPercent: "At least the floor percentage" },
    });
}

export async function listOfferRules(): Promise<{ data: OfferRuleDto[] }> {
  const rows = await db.offerRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }] });
  return { data: rows.map(ruleDto) };
}

/** A rule as the audit log keeps it: its terms, without the timestamp. */
const ruleAudit = (r: OfferRuleRow) => {
  const { id: _id, updatedAt: _u, ...terms } = ruleDto(r);
  return terms;
};

export async function createOfferRule(raw: unknown, actor: AuditActor = "system"): Promise<OfferRuleDto> {
  const input = createOfferRuleSchema.parse(raw);
  checkPercents(input.floorPercent, input.autoAcceptPercent);
  return db.$transaction(async (tx) => {
    const row = await tx.offerRule.create({ data: input });
    await recordAudit(tx, { actor, action: "offer_rule.created", entityType: "offer_rule", entityId: row.id, after: ruleAudit(row) });
    return ruleDto(row);
  }, TX_OPTIONS);
}

export async function updateOfferRule(id: string, raw: unknown, actor: AuditActor = "system"): Promise<OfferRuleDto> {
  const input = updateOfferRuleSchema.parse(raw);
  const row = await db.offerRule.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", `No offer rule ${id}`);
  checkPercents(
    input.floorPercent !== undefined ? input.floorPercent : row.floorPercent && Number(row.floorPercent),
    input.autoAcceptPercent !== undefined ? input.autoAcceptPercent : row.autoAcceptPercent && Number(row.autoAcceptPercent),
  );
  return db.$transaction(async (tx) => {
    const after = await tx.offerRule.update({ where: { id }, data: input });
    await recordAudit(tx, { actor, action: "offer_rule.updated", entityType: "offer_rule", entityId: id, before: ruleAudit(row), after: ruleAudit(after) });
    return ruleDto(after);
  }, TX_OPTIONS);
}

export async function deleteOfferRule(id: string, actor: AuditActor = "system"): Promise<void> {
  await db.$transaction(async (tx) => {
    const [before] = await tx.offerRule.findMany({ where: { id } });
    const r = await tx.offerRule.deleteMany({ where: { id } });
    if (r.count === 0 || !before) throw new AppError("not_found", `No offer rule ${id}`);
    await recordAudit(tx, { actor, action: "offer_rule.deleted", entityType: "offer_rule", entityId: id, before: ruleAudit(before) });
  }, TX_OPTIONS);
}

/** The active rules, in the order resolveTerms tries them. */
export function activeOfferRules(): Promise<OfferRuleRow[]> {
  return db.offerRule.findMany({ where: { active: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] });
}
