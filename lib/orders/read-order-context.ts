import "server-only";
import { db } from "../db/client";
import { coalesce } from "../coalesce";
import type { CostTier, MarkupRuleInput } from "../pricing/types";
import type { SupplierKind } from "../suppliers/types";
import type { RoutingPolicy } from "../catalog/allocate-lines";
import { parseScorecardSettings } from "../settings/scorecard-schema";

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
  /** How lines are routed (ops' scorecard settings: cost only, or cost plus score). */
  routing: RoutingPolicy;
};

export type ContextOffer = {
  id: string;
  supplierId: string;
  supplierSku: string;
  cost: string;
  stock: number;
  priority: number;
  /** The supplier's cached scorecard score (null: none yet, routed as neutral). */
  score: number | null;
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
  seqs: string[];
  idem: { scope: string; key: string; hash: string; status: number; body: unknown; expiresAt: string }[] | null;
  companies: (NonNullable<OrderContext["company"]> & { id: string })[] | null;
  users: (NonNullable<OrderContext["user"]> & { id: string })[] | null;
  rules: (Omit<MarkupRuleInput, "createdAt" | "costTiers"> & { costTiers: CostTier[] | null; createdAt: string })[] | null;
  products: ContextProduct[] | null;
  scorecard: unknown;
};

export type OrderContextInput = { companyId: string; userId: string; skus: string[]; idempotencyKey?: string };

export async function readOrderContext(input: OrderContextInput): Promise<OrderContext> {
  return (await readOrderContexts([input]))[0]!;
}

/**
 * Concurrent requests share one read (lib/coalesce.ts): what several orders
 * need comes back from the same statement, each order still with its own
 * number, key answer, company, user and products.
 */
export const readOrderContextCoalesced = coalesce<OrderContextInput, OrderContext>(
  async (inputs) => (await readOrderContexts(inputs)).map((value) => ({ ok: true, value })),
  { maxBatch: 500, maxInFlight: 3 },
);

/** The contexts of several orders, in ONE statement. */
export async function readOrderContexts(inputs: OrderContextInput[]): Promise<OrderContext[]> {
  const keyed = inputs.filter((i) => i.idempotencyKey);
  const [row] = await db.$queryRaw<Raw[]>`
    SELECT
      (SELECT array_agg(nextval('order_number_seq'))::text[] FROM generate_series(1, ${inputs.length}::int)) AS seqs,
      (SELECT json_agg(json_build_object('scope', k."scope", 'key', k."key", 'hash', k."requestHash", 'status', k."responseStatus",
                'body', k."responseBody", 'expiresAt', k."expiresAt"))
         FROM "IdempotencyKey" k
         JOIN unnest(${keyed.map((i) => i.companyId)}::text[], ${keyed.map((i) => i.idempotencyKey!)}::text[]) AS w(scope, key)
           ON k."scope" = w.scope AND k."key" = w.key) AS idem,
      (SELECT json_agg(json_build_object('id', c."id", 'tier', c."tier", 'name', c."name", 'customerId', c."customerId", 'contactEmails', c."contactEmails"))
         FROM "Company" c WHERE c."id" = ANY(${[...new Set(inputs.map((i) => i.companyId))]}::text[])) AS companies,
      (SELECT json_agg(json_build_object('id', u."id", 'email', u."email", 'name', u."name"))
         FROM "User" u WHERE u."id" = ANY(${[...new Set(inputs.map((i) => i.userId))]}::text[])) AS users,
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
                           'id', o."id", 'supplierId', o."supplierId", 'supplierSku', o."supplierSku", 'cost', o."cost"::text, 'stock', GREATEST(o."stock" - o."held", 0),
                           'priority', o."priority", 'score', s."score", 'supplier', json_build_object('slug', s."slug", 'name', s."name", 'type', s."type")))
                    FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
                   WHERE o."productId" = p."id" AND o."active" AND s."active"), '[]'::json)))
         FROM "Product" p WHERE p."sku" = ANY(${[...new Set(inputs.flatMap((i) => i.skus))]}::text[])) AS products,
      (SELECT st."value" FROM "Setting" st WHERE st."key" = 'scorecard') AS scorecard`;
  const r = row!;
  const idem = new Map((r.idem ?? []).map((k) => [`${k.scope}\u0000${k.key}`, k]));
  const companies = new Map((r.companies ?? []).map(({ id, ...c }) => [id, c]));
  const users = new Map((r.users ?? []).map(({ id, ...u }) => [id, u]));
  // json_build_object renders timestamp(3) without a zone: it is UTC, as Prisma writes it.
  const rules = (r.rules ?? []).map((x) => ({ ...x, createdAt: new Date(`${x.createdAt}Z`) }));
  const products = new Map((r.products ?? []).map((p) => [p.sku, p]));
  const { routingMode, scoreWeight, neutralScore } = parseScorecardSettings(r.scorecard);
  const routing: RoutingPolicy = { mode: routingMode, scoreWeight, neutralScore };
  return inputs.map((input, i) => {
    const k = input.idempotencyKey ? idem.get(`${input.companyId}\u0000${input.idempotencyKey}`) : undefined;
    return {
      seq: Number(r.seqs[i]),
      idempotency: k ? { hash: k.hash, status: k.status, body: k.body, expiresAt: new Date(`${k.expiresAt}Z`) } : null,
      company: companies.get(input.companyId) ?? null,
      user: users.get(input.userId) ?? null,
      rules,
      products: input.skus.flatMap((sku) => products.get(sku) ?? []),
      routing,
    };
  });
}
