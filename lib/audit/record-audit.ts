import "server-only";
import { Prisma, type Tx, type db } from "../db/client";

/** Who did it: a signed-in user (staff or a reseller's owner), or the system (a job, a scheduler). */
export type AuditActor = { userId: string | null; email: string; role: string } | "system";

export type AuditInput = {
  actor: AuditActor;
  /** Dotted verb: "supplier.updated", "supplier.credentials_rotated", "markup_rule.created", "order.canceled", … */
  action: string;
  /** "supplier" | "markup_rule" | "price_change" | "order" | "exception" | "webhook_event" | "job" | "user" | "api_key" | "company" | … */
  entityType: string;
  entityId: string;
  /** The reseller company concerned, when there is one. */
  companyId?: string | null;
  /** JSON-serialisable snapshots; never secrets (values under secret-like keys are replaced by "[redacted]"). */
  before?: unknown;
  after?: unknown;
  note?: string | null;
};

export const REDACTED = "[redacted]";

/** Keys whose values are secrets wherever they appear in a snapshot (a last line of defence: callers leave them out). */
const SECRET_KEY = /secret|passw|api_?key|token|credential|private_?key|authorization|cookie|signing/i;

/** A JSON copy of `value` with every secret-like key's value replaced (booleans and nulls kept: "has credentials" is no secret). */
export function redactSecrets(value: unknown): unknown {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value, (key, v: unknown) => {
    if (key && SECRET_KEY.test(key) && v !== null && typeof v !== "boolean") return REDACTED;
    if (typeof v === "bigint") return v.toString();
    return v;
  });
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

const asJson = (v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  v === undefined || v === null ? Prisma.DbNull : (redactSecrets(v) as Prisma.InputJsonValue);

/**
 * The actor for a signed-in principal. A reseller's role is its company role (owner, buyer,
 * viewer), "… (API key)" when it came through a key; staff keep theirs (ops, admin).
 */
export function auditActor(p: { userId: string; email: string; role: string; companyRole?: string | null; kind?: string }): AuditActor {
  const role = p.role === "reseller" && p.companyRole ? p.companyRole : p.role;
  return { userId: p.userId, email: p.email, role: p.kind === "api_key" ? `${role} (API key)` : role };
}

/** Appends one entry, on the caller's transaction when given one (so the entry commits with the change). */
export async function recordAudit(client: Pick<Tx, "auditEntry"> | typeof db, input: AuditInput): Promise<void> {
  const actor = input.actor === "system" ? { userId: null, email: "system", role: "system" } : input.actor;
  await client.auditEntry.create({
    data: {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      actorRole: actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      companyId: input.companyId ?? null,
      before: asJson(input.before),
      after: asJson(input.after),
      note: input.note ?? null,
      requestId: null,
    },
    select: { id: true },
  });
}
