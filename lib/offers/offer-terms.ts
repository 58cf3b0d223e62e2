import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors";
import { money, toCents } from "../money";

const price = z
  .union([z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as "231.00"'), z.number().positive()])
  .transform((v) => money(v))
  .nullable();

/** PATCH /api/ops/products/{sku}/offer-terms: null clears one. */
export const offerTermsSchema = z.strictObject({ floor: price.optional(), autoAccept: price.optional() });

/** Ops set a product's offer floor and auto-accept price (make-offer.ts applies them). */
export async function setOfferTerms(sku: string, raw: unknown) {
  const input = offerTermsSchema.parse(raw);
  const product = await db.product.findUnique({ where: { sku }, select: { id: true, offerTerms: true } });
  if (!product) throw new AppError("not_found", `No product ${sku}`);
  const floor = input.floor !== undefined ? input.floor : (product.offerTerms?.floor?.toString() ?? null);
  const autoAccept = input.autoAccept !== undefined ? input.autoAccept : (product.offerTerms?.autoAccept?.toString() ?? null);
  if (floor !== null && autoAccept !== null && toCents(autoAccept) < toCents(floor))
    throw new AppError("validation_failed", "The auto-accept price cannot be below the floor", { fields: { autoAccept: "At least the floor" } });
  const row = await db.productOfferTerms.upsert({
    where: { productId: product.id },
    create: { productId: product.id, floor, autoAccept },
    update: { floor, autoAccept },
  });
  return { sku, floor: row.floor ? money(row.floor) : null, autoAccept: row.autoAccept ? money(row.autoAccept) : null };
}
