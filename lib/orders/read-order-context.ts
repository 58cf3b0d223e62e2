import "server-only";
import { db } from "../db/client";
import type { CostTier, MarkupRuleInput } from "../pricing/types";
import type { SupplierKind } from "../suppliers/types";

/**
 * Everything order intake reads, in ONE statement (one round trip): the next
 * order number, the stored answer for the Idempotency-Key, the company (tier,
 * names, contact emails) and the user, the active markup rules, and each
 * wanted product with its usable offers and their suppliers. What the intake
 * then writes goes in one statement too (portal_place_order).
 */
export type OrderContext = {
  seq: number;
  idempotency: { hash: string; status: number; body: unknown; expiresAt: Date } | null;
  company: { tier: string; name: string; customerId: string; contactEmails: string[] } | null;
  user: { email: string; name: string } | null;
  rules: MarkupRuleInput[];
  products: ContextProduct[];
};

export type ContextOffer = {
  id: string;
  supplierId: string;
  supplierSku: string;
  cost: string;
  stock: number;
  priority: number;
  supplier: { slug: string; name: string; type: SupplierKind };
};

export type ContextProduct = {
  id: string;
  sku: string;
  name: string;
  price: string;
  active: boolean;
  brand: string;
  category: string;
  priceCost: string | null;
  offers: ContextOffer[];
};

type Raw = {
  seq: bigint;
  idem: { hash: string; status: number; body: unknown; expiresAt: string } | null;
  company: OrderContext["company"];
  user: OrderContext["user"];
  rules: (Omit<MarkupRuleInput, "createdAt" | "costTiers"> & { costTiers: CostTier[] | null; createdAt: string })[] | null;
  products: ContextProduct[] | null;
};

export async function readOrderContext(input: { companyId: string; userId: string; skus: string[]; idempotencyKey?: string }): Promise<OrderContext> {
  const [row] = await db.$queryRaw<Raw[]>`
    SELECT
      nextval('order_number_seq') AS seq,
      (SELECT json_build_object('hash', k."requestHash", 'status', k."responseStatus", 'body', k."responseBody", 'expiresAt', k."expiresAt")
         FROM "IdempotencyKey" k WHERE k."scope" = ${input.companyId} AND k."key" = ${input.idempotencyKey ?? null}) AS idem,
      (SELECT json_build_object('tier', c."tier", 'name', c."name", 'customerId', c."customerId", 'contactEmails', c."contactEmails")
         FROM "Company" c WHERE c."id" = ${input.companyId}) AS company,
      (SELECT json_build_object('email', u."email", 'name', u."name") FROM "User" u WHERE u."id" = ${input.userId}) AS "user",
      (SELECT json_agg(json_build_object(
                'id', r."id", 'scope', r."scope", 'scopeValue', r."scopeValue", 'kind', r."kind", 'value', r."value"::text,
                'costTiers', CASE WHEN jsonb_typeof(r."costTiers") = 'array' THEN r."costTiers" END, 'rounding', r."rounding",
                'priority', r."priority", 'active', r."active", 'createdAt', r."createdAt")
              ORDER BY r."priority", r."createdAt")
         FROM "MarkupRule" r WHERE r."active") AS rules,
      (SELECT json_agg(json_build_object(
                'id', p."id", 'sku', p."sku", 'name', p."name", 'price', p."price"::text, 'active', p."active", 'brand', p."brand",
                'category', p."category", 'priceCost', p."priceCost"::text,
                'offers', COALESCE((
                  SELECT json_agg(json_build_object(
                           'id', o."id", 'supplierId', o."supplierId", 'supplierSku', o."supplierSku", 'cost', o."cost"::text, 'stock', o."stock",
                           'priority', o."priority", 'supplier', json_build_object('slug', s."slug", 'name', s."name", 'type', s."type")))
                    FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
                   WHERE o."productId" = p."id" AND o."active" AND s."active"), '[]'::json)))
         FROM "Product" p WHERE p."sku" = ANY(${input.skus}::text[])) AS products`;
  const r = row!;
  return {
    seq: Number(r.seq),
    // json_build_object renders timestamp(3) without a zone: it is UTC, as Prisma writes it.
    idempotency: r.idem ? { ...r.idem, expiresAt: new Date(`${r.idem.expiresAt}Z`) } : null,
    company: r.company,
    user: r.user,
    rules: (r.rules ?? []).map((x) => ({ ...x, createdAt: new Date(`${x.createdAt}Z`) })),
    products: r.products ?? [],
  };
}
