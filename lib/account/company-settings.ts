import "server-only";
import { z } from "zod";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { can, requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { addressSchema } from "../orders/schemas";

export const MAX_CONTACT_EMAILS = 10;
export const MAX_ADDRESSES = 50;

export const companySettingsSchema = z.strictObject({
  contactEmails: z
    .array(z.email("Enter a valid email address").transform((e) => e.toLowerCase()))
    .max(MAX_CONTACT_EMAILS, `At most ${MAX_CONTACT_EMAILS} addresses`)
    .transform((a) => [...new Set(a)]),
});
export const companyAddressSchema = z.strictObject({
  label: z.string().trim().min(1, "Required").max(60),
  address: addressSchema,
  isDefault: z.boolean().default(false),
});
export const updateCompanyAddressSchema = companyAddressSchema.partial();

/** Settings are a reseller company's: staff (who may read orders) have none. */
function companyOf(p: Principal): string {
  if (!p.companyId) throw new AppError("forbidden", "This is for reseller accounts");
  return p.companyId;
}

const addressView = { id: true, label: true, address: true, isDefault: true, createdAt: true, updatedAt: true } as const;
const addressAudit = (a: { label: string; address: unknown; isDefault: boolean }) => ({ label: a.label, address: a.address, isDefault: a.isDefault });

/** The company as its users see it: name, contact emails (owners), saved addresses (who may order). */
export async function getCompanySettings(principal: Principal) {
  if (!can(principal, "company:manage") && !can(principal, "orders:write")) requirePermission(principal, "company:manage");
  const companyId = companyOf(principal);
  const [company, addresses] = await Promise.all([
    db.company.findUniqueOrThrow({ where: { id: companyId }, select: { id: true, name: true, tier: true, contactEmails: true } }),
    listCompanyAddresses(principal),
  ]);
  return { ...company, contactEmails: can(principal, "company:manage") ? company.contactEmails : [], addresses };
}

/** Owners: who else gets the company's order emails. */
export async function updateCompanySettings(principal: Principal, raw: unknown) {
  requirePermission(principal, "company:manage");
  const input = companySettingsSchema.parse(raw);
  const companyId = principal.companyId!;
  return db.$transaction(async (tx) => {
    const before = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { contactEmails: true } });
    const after = await tx.company.update({
      where: { id: companyId },
      data: { contactEmails: input.contactEmails },
      select: { id: true, name: true, tier: true, contactEmails: true },
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "company.settings_updated",
      entityType: "company",
      entityId: companyId,
      companyId,
      before: { contactEmails: before.contactEmails },
      after: { contactEmails: after.contactEmails },
    });
    return after;
  }, TX_OPTIONS);
}

/** The saved addresses, default first: buyers pick one at checkout. */
export async function listCompanyAddresses(principal: Principal) {
  if (!can(principal, "company:manage")) requirePermission(principal, "orders:write");
  return db.companyAddress.findMany({ where: { companyId: companyOf(principal) }, orderBy: [{ isDefault: "desc" }, { label: "asc" }], select: addressView });
}

export async function createCompanyAddress(principal: Principal, raw: unknown) {
  requirePermission(principal, "company:manage");
  const input = companyAddressSchema.parse(raw);
  const companyId = principal.companyId!;
  return db.$transaction(async (tx) => {
    if ((await tx.companyAddress.count({ where: { companyId } })) >= MAX_ADDRESSES) {
      throw new AppError("conflict", `A company keeps at most ${MAX_ADDRESSES} addresses`);
    }
    // One default at most: a new default takes over.
    if (input.isDefault) await tx.companyAddress.updateMany({ where: { companyId, isDefault: true }, data: { isDefault: false } });
    const created = await tx.companyAddress.create({
      data: { companyId, label: input.label, address: input.address, isDefault: input.isDefault },
      select: addressView,
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "company.address_created",
      entityType: "company_address",
      entityId: created.id,
      companyId,
      after: addressAudit(created),
    });
    return created;
  }, TX_OPTIONS);
}

export async function updateCompanyAddress(principal: Principal, id: string, raw: unknown) {
  requirePermission(principal, "company:manage");
  const input = updateCompanyAddressSchema.parse(raw);
  const companyId = principal.companyId!;
  return db.$transaction(async (tx) => {
    const found = await tx.companyAddress.findFirst({ where: { id, companyId }, select: addressView });
    if (!found) throw new AppError("not_found", "No saved address with this id");
    if (input.isDefault) await tx.companyAddress.updateMany({ where: { companyId, isDefault: true, id: { not: id } }, data: { isDefault: false } });
    const updated = await tx.companyAddress.update({
      where: { id },
      data: {
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
      },
      select: addressView,
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "company.address_updated",
      entityType: "company_address",
      entityId: id,
      companyId,
      before: addressAudit(found),
      after: addressAudit(updated),
    });
    return updated;
  }, TX_OPTIONS);
}

export async function deleteCompanyAddress(principal: Principal, id: string) {
  requirePermission(principal, "company:manage");
  const companyId = principal.companyId!;
  await db.$transaction(async (tx) => {
    const [found] = await tx.companyAddress.findMany({ where: { id, companyId }, select: addressView });
    const r = await tx.companyAddress.deleteMany({ where: { id, companyId } });
    if (r.count === 0 || !found) throw new AppError("not_found", "No saved address with this id");
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "company.address_deleted",
      entityType: "company_address",
      entityId: id,
      companyId,
      before: addressAudit(found),
    });
  }, TX_OPTIONS);
  return { id, deleted: true };
}
