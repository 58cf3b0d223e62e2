// Seed functions that double as test factories: the demo seed and the
// integration tests build their data through the same code.
import { randomUUID } from "node:crypto";
import { db } from "../lib/db/client";
import type { CompanyRole, Role, SupplierType } from "../lib/db/generated/enums";
import { hashPassword } from "../lib/auth/password";
import { createApiKey } from "../lib/auth/api-keys";
import { encryptJson, encryptSecret } from "../lib/crypto/credentials";
import { money } from "../lib/money";

export async function seedCompany(input: { name?: string; customerId?: string; contactEmails?: string[]; tier?: string } = {}) {
  const customerId = input.customerId ?? `co-${randomUUID().slice(0, 8)}`;
  return db.company.upsert({
    where: { customerId },
    update: { name: input.name, contactEmails: input.contactEmails, tier: input.tier },
    create: { name: input.name ?? `Company ${customerId}`, customerId, contactEmails: input.contactEmails ?? [], tier: input.tier ?? "standard" },
  });
}

export async function seedUser(
  input: { email?: string; name?: string; role?: Role; companyId?: string | null; companyRole?: CompanyRole; password?: string } = {},
) {
  const email = (input.email ?? `user-${randomUUID().slice(0, 8)}@example.test`).toLowerCase();
  const passwordHash = await hashPassword(input.password ?? "demo1234");
  // A company's user is its owner unless said otherwise; staff have no company role.
  const companyRole = input.companyId ? (input.companyRole ?? "owner") : null;
  return db.user.upsert({
    where: { email },
    update: { name: input.name, role: input.role, companyId: input.companyId, companyRole, passwordHash },
    create: { email, name: input.name ?? email.split("@")[0]!, role: input.role ?? "reseller", companyId: input.companyId ?? null, companyRole, passwordHash },
  });
}

export async function seedApiKey(input: { companyId: string; userId: string; name?: string; plain?: string }) {
  if (input.plain) {
    const { hashApiKey } = await import("../lib/auth/api-keys");
    const existing = await db.apiKey.findUnique({ where: { hash: hashApiKey(input.plain) } });
    if (existing) return { ...existing, key: input.plain };
  }
  return createApiKey({ companyId: input.companyId, userId: input.userId, name: input.name ?? "Default", plain: input.plain });
}

export async function seedSupplier(input: {
  slug: string;
  name?: string;
  type: SupplierType;
  apiEndpoint: string;
  credentials?: Record<string, string>;
  webhookSecret?: string;
  rateLimitPerSec?: number;
  timeoutMs?: number;
}) {
  const data = {
    name: input.name ?? input.slug,
    type: input.type,
    apiEndpoint: input.apiEndpoint,
    credentials: input.credentials ? encryptJson(input.credentials) : null,
    webhookSecret: input.webhookSecret ? encryptSecret(input.webhookSecret) : null,
    rateLimitPerSec: input.rateLimitPerSec ?? 5,
    timeoutMs: input.timeoutMs ?? 10_000,
    active: true,
  };
  return db.supplier.upsert({ where: { slug: input.slug }, update: data, create: { slug: input.slug, ...data } });
}

export type ProductSeed = {
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  price: string | number;
  cost?: string | number;
  stock: number;
  supplierSku?: string;
  priority?: number;
};

/** Upsert a product and its offer at one supplier; product stock = sum of offers. */
export async function seedProduct(supplierId: string, p: ProductSeed) {
  const product = await db.product.upsert({
    where: { sku: p.sku },
    update: { name: p.name, price: money(p.price), active: true },
    create: {
      sku: p.sku,
      name: p.name,
      brand: p.brand,
      model: p.model,
      storage: p.storage,
      color: p.color,
      grade: p.grade,
      price: money(p.price),
      stock: 0,
    },
  });
  const supplierSku = p.supplierSku ?? p.sku;
  await db.supplierOffer.upsert({
    where: { supplierId_supplierSku: { supplierId, supplierSku } },
    update: { cost: money(p.cost ?? p.price), stock: p.stock, productId: product.id, priority: p.priority ?? 100 },
    create: { productId: product.id, supplierId, supplierSku, cost: money(p.cost ?? p.price), stock: p.stock, priority: p.priority ?? 100 },
  });
  const total = await db.supplierOffer.aggregate({ where: { productId: product.id, active: true }, _sum: { stock: true } });
  return db.product.update({ where: { id: product.id }, data: { stock: total._sum.stock ?? 0 } });
}
