import "server-only";
import { db, type Tx } from "../../db/client";
import type { OutboxRef } from "../../queue/outbox";
import { lockOrder, recomputeOrderStatus } from "../../orders/apply-supplier-update";
import type { Principal } from "../../auth/principal";

/**
 * What a job works on, from its subject ("forward:<supplierOrderId>", "email:<notificationId>",
 * "webhook:<eventId>", "cancel:<orderId>", "sync:<supplierId>:<kind>", …): a label and a link for
 * the failed work page, and how a retry opens its domain row again.
 */
export type SubjectView = { label: string; href: string | null; orderId: string | null; orderNumber: string | null };

function split(subject: string): [string, string] {
  const i = subject.indexOf(":");
  return i < 0 ? [subject, ""] : [subject.slice(0, i), subject.slice(i + 1)];
}

/** Subjects described with one read per kind. */
export async function describeSubjects(subjects: (string | null)[]): Promise<Map<string, SubjectView>> {
  const by = new Map<string, Set<string>>();
  for (const s of subjects) {
    if (!s) continue;
    const [kind, rest] = split(s);
    if (!by.has(kind)) by.set(kind, new Set());
    by.get(kind)!.add(rest);
  }
  const ids = (k: string) => [...(by.get(k) ?? [])];
  const soIds = [...ids("forward"), ...ids("poll")];
  const [sos, notes, orders, suppliers, offers] = await Promise.all([
    soIds.length
      ? db.supplierOrder.findMany({
          where: { id: { in: soIds } },
          select: { id: true, status: true, orderId: true, order: { select: { number: true } }, supplier: { select: { slug: true } } },
        })
      : [],
    ids("email").length
      ? db.notification.findMany({
          where: { id: { in: ids("email") } },
          select: { id: true, type: true, email: true, status: true, orderId: true, order: { select: { number: true } } },
        })
      : [],
    ids("cancel").length ? db.order.findMany({ where: { id: { in: ids("cancel") } }, select: { id: true, number: true } }) : [],
    ids("sync").length ? db.supplier.findMany({ where: { id: { in: ids("sync").map((r) => split(r)[0]) } }, select: { id: true, slug: true } }) : [],
    ids("offer-order").length ? db.offer.findMany({ where: { id: { in: ids("offer-order") } }, select: { id: true, number: true } }) : [],
  ]);
  const out = new Map<string, SubjectView>();
  const orderView = (label: string, orderId: string | null, number: string | null): SubjectView => ({
    label,
    href: orderId ? `/ops/orders/${orderId}` : null,
    orderId,
    orderNumber: number,
  });
  for (const so of sos) {
    const v = (what: string) => orderView(`${what} order ${so.order.number} to ${so.supplier.slug} (${so.status})`, so.orderId, so.order.number);
    if (by.get("forward")?.has(so.id)) out.set(`forward:${so.id}`, v("Forward"));
    if (by.get("poll")?.has(so.id)) out.set(`poll:${so.id}`, v("Poll"));
  }
  for (const n of notes) out.set(`email:${n.id}`, orderView(`Email ${n.type} to ${n.email} (${n.status})`, n.orderId, n.order?.number ?? null));
  for (const o of orders) out.set(`cancel:${o.id}`, orderView(`Cancel order ${o.number}`, o.id, o.number));
  const slug = new Map(suppliers.map((s) => [s.id, s.slug]));
  for (const rest of ids("sync")) {
    const [supplierId, kind] = split(rest);
    out.set(`sync:${rest}`, { label: `${kind} sync of ${slug.get(supplierId) ?? supplierId}`, href: "/ops/sync", orderId: null, orderNumber: null });
  }
  for (const o of offers) out.set(`offer-order:${o.id}`, { label: `Order offer ${o.number}`, href: "/ops/offers", orderId: null, orderNumber: null });
  for (const rest of ids("webhook"))
    out.set(`webhook:${rest}`, { label: `Webhook event ${rest.slice(0, 8)}…`, href: `/ops/webhooks?event=${rest}`, orderId: null, orderNumber: null });
  return out;
}

/**
 * A retry opens the job's domain row again where giving up marked it: a failed supplier order is
 * pending again (timeline: retry requested), a failed email pending, a failed webhook event
 * pending. Returns the jobs that change queued (an order's status email).
 */
export async function reopenSubjectInTx(tx: Tx, principal: Principal, subject: string | null): Promise<OutboxRef[]> {
  if (!subject) return [];
  const [kind, id] = split(subject);
  if (kind === "forward") {
    const so = await tx.supplierOrder.findUnique({ where: { id }, select: { orderId: true } });
    if (!so) return [];
    await lockOrder(tx, so.orderId);
    const r = await tx.supplierOrder.updateMany({ where: { id, status: "failed" }, data: { status: "pending", attempts: 0, lastError: null } });
    if (r.count === 0) return [];
    const source = `ops:${principal.email}`;
    await tx.orderEvent.create({
      data: { orderId: so.orderId, supplierOrderId: id, type: "retry_requested", status: "pending", source, message: `Retry requested by ${principal.name}` },
    });
    return (await recomputeOrderStatus(tx, so.orderId, source, null)).outboxIds;
  }
  if (kind === "email") {
    await tx.notification.updateMany({ where: { id, status: "failed" }, data: { status: "pending", claimedUntil: null } });
    return [];
  }
  if (kind === "webhook") {
    await tx.webhookEvent.updateMany({ where: { id, outcome: "failed" }, data: { outcome: "pending", processedAt: null, flagged: false } });
  }
  return [];
}
