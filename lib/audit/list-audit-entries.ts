import "server-only";
import Papa from "papaparse";
import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { decodeCursor, encodeCursor } from "../wire/cursor";
import { wellFormedString } from "../wire/well-formed";

const text = (max: number) =>
  wellFormedString()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "An ISO 8601 date or time, e.g. 2026-12-01 or 2026-12-01T08:00:00Z" })
  .optional()
  .or(z.literal("").transform(() => undefined));

/** GET /api/ops/audit and /api/ops/audit.csv: every filter optional; `to` is inclusive of a whole day when given as a date. */
export const auditQuerySchema = z
  .object({
    /** The actor's email (or part of it), case-insensitive. */
    actor: text(200),
    /** An action ("order.canceled") or a prefix ending in "." ("supplier.": every supplier action). */
    action: text(100),
    entityType: text(50),
    entityId: text(200),
    companyId: text(100),
    from: instant,
    to: instant,
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || startOf(q.from) <= endOf(q.to), { message: "Must not be before from", path: ["to"] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const startOf = (v: string) => new Date(isDate(v) ? `${v}T00:00:00Z` : v);
/** A date means through the end of that day (UTC). */
const endOf = (v: string) => (isDate(v) ? new Date(new Date(`${v}T00:00:00Z`).getTime() + 86_400_000 - 1) : new Date(v));

function whereOf(q: AuditQuery): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput = {};
  if (q.actor) where.actorEmail = { contains: q.actor, mode: "insensitive" };
  if (q.action) where.action = q.action.endsWith(".") ? { startsWith: q.action } : q.action;
  if (q.entityType) where.entityType = q.entityType;
  if (q.entityId) where.entityId = q.entityId;
  if (q.companyId) where.companyId = q.companyId;
  if (q.from || q.to) where.at = { ...(q.from ? { gte: startOf(q.from) } : {}), ...(q.to ? { lte: endOf(q.to) } : {}) };
  return where;
}

const SELECT = {
  id: true,
  at: true,
  actorUserId: true,
  actorEmail: true,
  actorRole: true,
  action: true,
  entityType: true,
  entityId: true,
  companyId: true,
  before: true,
  after: true,
  note: true,
  requestId: true,
} as const;

type Row = Prisma.AuditEntryGetPayload<{ select: typeof SELECT }>;

export type AuditEntryView = {
  id: string;
  at: string;
  actor: { userId: string | null; email: string; role: string };
  action: string;
  entityType: string;
  entityId: string;
  companyId: string | null;
  company: { id: string; name: string } | null;
  /** The order's number when the entity is an order. */
  entityLabel: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  requestId: string | null;
};

async function page(q: AuditQuery, after: { at: Date; id: string } | null, take: number): Promise<Row[]> {
  const where = whereOf(q);
  if (after) where.AND = [{ OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }];
  return db.auditEntry.findMany({ where, select: SELECT, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

/** Company names and order numbers for a page of entries (two reads, whatever the page's size). */
async function labels(rows: Row[]) {
  const companyIds = [...new Set(rows.map((r) => r.companyId).filter((v): v is string => !!v))];
  const orderIds = [...new Set(rows.filter((r) => r.entityType === "order").map((r) => r.entityId))];
  const [companies, orders] = await Promise.all([
    companyIds.length ? db.company.findMany({ where: { id: { in: companyIds } }, select: { id: true, name: true } }) : [],
    orderIds.length ? db.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, number: true } }) : [],
  ]);
  return { companies: new Map(companies.map((c) => [c.id, c])), orders: new Map(orders.map((o) => [o.id, o.number])) };
}

function toView(r: Row, l: Awaited<ReturnType<typeof labels>>): AuditEntryView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { userId: r.actorUserId, email: r.actorEmail, role: r.actorRole },
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    companyId: r.companyId,
    company: r.companyId ? (l.companies.get(r.companyId) ?? null) : null,
    entityLabel: r.entityType === "order" ? (l.orders.get(r.entityId) ?? null) : null,
    before: r.before,
    after: r.after,
    note: r.note,
    requestId: r.requestId,
  };
}

/** Newest first, keyset-paged (stable while entries are appended). */
export async function listAuditEntries(raw: unknown): Promise<{ data: AuditEntryView[]; nextCursor: string | null }> {
  const q = auditQuerySchema.parse(raw);
  const rows = await page(q, decodeCursor(q.cursor), q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const l = await labels(shown);
  const last = shown[shown.length - 1];
  return { data: shown.map((r) => toView(r, l)), nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null };
}

export const AUDIT_CSV_COLUMNS = [
  "at",
  "actorEmail",
  "actorRole",
  "action",
  "entityType",
  "entityId",
  "entityLabel",
  "companyId",
  "company",
  "before",
  "after",
  "note",
  "requestId",
  "id",
] as const;

const EXPORT_BATCH = 500;

/**
 * Every entry the filters match, newest first, as CSV text in chunks (the header row first), read
 * in keyset batches so an export of the whole log never holds it in memory. papaparse writes the
 * rows (quoting, and a leading ' before cells Excel would run as formulae).
 */
export async function* auditCsvChunks(raw: unknown): AsyncGenerator<string> {
  const q = auditQuerySchema.parse(raw);
  let after = decodeCursor(q.cursor);
  // An empty data set gives the header row and its line end.
  yield Papa.unparse({ fields: [...AUDIT_CSV_COLUMNS], data: [] }, { newline: "\r\n" });
  for (;;) {
    const rows = await page(q, after, EXPORT_BATCH);
    if (rows.length === 0) return;
    const l = await labels(rows);
    const data = rows.map((r) => {
      const v = toView(r, l);
      return [
        v.at,
        v.actor.email,
        v.actor.role,
        v.action,
        v.entityType,
        v.entityId,
        v.entityLabel ?? "",
        v.companyId ?? "",
        v.company?.name ?? "",
        v.before === null ? "" : JSON.stringify(v.before),
        v.after === null ? "" : JSON.stringify(v.after),
        v.note ?? "",
        v.requestId ?? "",
        v.id,
      ];
    });
    yield Papa.unparse(data, { newline: "\r\n", escapeFormulae: true }) + "\r\n";
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, id: last.id };
  }
}
