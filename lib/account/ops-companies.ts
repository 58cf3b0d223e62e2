import "server-only";
import { z } from "zod";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { isStaff, type Principal } from "../auth/principal";
import { changeCompanyUser, companyUserView, USER_SELECT } from "./manage-users";
import { listProducts } from "../catalog/list-products";
import type { listProductsQuerySchema } from "../orders/schemas";

/** Ops and admin: every company, its users and its pricing tier. */
function requireStaffPrincipal(p: Principal) {
  if (!isStaff(p)) throw new AppError("forbidden", "This needs an ops or admin account");
}

export const opsCompaniesQuerySchema = z.object({ q: z.string().trim().max(100).optional() });
export const opsUpdateCompanySchema = z
  .strictObject({
    name: z.string().trim().min(1, "Required").max(120).optional(),
    tier: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and dashes, up to 40")
      .optional(),
    contactEmails: z
      .array(z.email("Enter a valid email address").transform((e) => e.toLowerCase()))
      .max(10)
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send name, tier or contactEmails", path: ["body"] });

export async function listCompaniesForOps(principal: Principal, raw: unknown) {
  requireStaffPrincipal(principal);
  const { q } = opsCompaniesQuerySchema.parse(raw);
  const rows = await db.company.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { customerId: { contains: q, mode: "insensitive" } }] } : {},
    orderBy: { name: "asc" },
    take: 500,
    select: { id: true, name: true, customerId: true, tier: true, contactEmails: true, createdAt: true, _count: { select: { users: true, orders: true } } },
  });
  return { data: rows.map(({ _count, ...c }) => ({ ...c, users: _count.users, orders: _count.orders })) };
}

export async function getCompanyForOps(principal: Principal, id: string) {
  requireStaffPrincipal(principal);
  const company = await db.company.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      customerId: true,
      tier: true,
      contactEmails: true,
      createdAt: true,
      users: { orderBy: { name: "asc" }, select: USER_SELECT },
      _count: { select: { orders: true, apiKeys: true } },
    },
  });
  if (!company) throw new AppError("not_found", "No company with this id");
  const tiers = await db.markupRule.findMany({ where: { scope: "tier" }, distinct: ["scopeValue"], select: { scopeValue: true } });
  const { _count, users, ...rest } = company;
  return {
    ...rest,
    orders: _count.orders,
    apiKeys: _count.apiKeys,
    users: users.map(companyUserView),
    /** The tiers markup rules target: the ones that change a price. */
    knownTiers: [...new Set(["standard", ...tiers.map((t) => t.scopeValue).filter((v): v is string => !!v)])].sort(),
  };
}

export async function updateCompanyForOps(principal: Principal, id: string, raw: unknown) {
  requireStaffPrincipal(principal);
  const input = opsUpdateCompanySchema.parse(raw);
  await db.$transaction(async (tx) => {
    const before = await tx.company.findUnique({ where: { id }, select: { name: true, tier: true, contactEmails: true } });
    if (!before) throw new AppError("not_found", "No company with this id");
    const after = await tx.company.update({ where: { id }, data: input, select: { name: true, tier: true, contactEmails: true } });
    const keys = (Object.keys(input) as (keyof typeof input)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (keys.length) {
      await recordAudit(tx, {
        actor: auditActor(principal),
        action: "company.updated",
        entityType: "company",
        entityId: id,
        companyId: id,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, after[k]])),
      });
    }
  }, TX_OPTIONS);
  return getCompanyForOps(principal, id);
}

/** Ops change a company user's role or deactivate them, by the same rules as its owners (the last owner stays). */
export async function updateCompanyUserForOps(principal: Principal, companyId: string, userId: string, raw: unknown) {
  requireStaffPrincipal(principal);
  return changeCompanyUser(companyId, userId, raw, auditActor(principal));
}

/** The catalog at the company's prices (its tier), for ops ordering on its behalf. */
export async function listProductsForCompany(principal: Principal, companyId: string, query: z.infer<typeof listProductsQuerySchema>) {
  requireStaffPrincipal(principal);
  const found = await db.company.findUnique({ where: { id: companyId }, select: { id: true } });
  if (!found) throw new AppError("not_found", "No company with this id");
  return listProducts(query, { companyId });
}
