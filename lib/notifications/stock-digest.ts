import "server-only";
import { db, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { dispatchOutbox, type OutboxRef } from "../queue/outbox";
import { queueEmailInTx } from "./queue-email";

/** The latest digest time (STOCK_DIGEST_HOUR_UTC:00 UTC) at or before `now`. */
export function digestBoundary(now: Date, hourUtc: number): Date {
  const b = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (b.getTime() > now.getTime()) b.setUTCDate(b.getUTCDate() - 1);
  return b;
}

type Held = { id: string; email: string; type: "low_stock" | "out_of_stock"; props: Record<string, unknown>; createdAt: Date };

const MAX_PER_EMAIL = 1000;

/**
 * The daily stock digests: every stock alert held for a digest (its recipient chose one, see
 * preferences.ts) that was queued before the last digest time goes out in one email per address.
 * Run by the recovery pass every few seconds; it finds work only once a day per address. The held
 * rows are taken (held → digested) in the statement that reads them and the digest is queued in
 * the same transaction, keyed by the first alert it carries: a crash, a rerun or a second worker
 * can neither lose an alert nor send one twice. `now` is a parameter for tests (a fake clock).
 */
export async function sendDueStockDigests(now: Date = new Date()): Promise<number> {
  const boundary = digestBoundary(now, env().STOCK_DIGEST_HOUR_UTC);
  const refs = await db.$transaction(async (tx) => {
    const held = await tx.$queryRaw<Held[]>`
      UPDATE "Notification" SET "status" = 'digested'
       WHERE "id" IN (SELECT "id" FROM "Notification" WHERE "status" = 'held' AND "createdAt" < ${boundary}
                       ORDER BY "createdAt", "id" LIMIT 5000 FOR UPDATE SKIP LOCKED)
         AND "status" = 'held'
      RETURNING "id", "email", "type", "props", "createdAt"`;
    if (held.length === 0) return [];
    const byEmail = new Map<string, Held[]>();
    for (const h of held.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))) {
      byEmail.set(h.email, [...(byEmail.get(h.email) ?? []), h]);
    }
    const out: OutboxRef[] = [];
    for (const [email, all] of byEmail) {
      for (let i = 0; i < all.length; i += MAX_PER_EMAIL) {
        const chunk = all.slice(i, i + MAX_PER_EMAIL);
        const ref = await queueEmailInTx(tx, {
          type: "stock_digest",
          email,
          idempotencyKey: `stock_digest:${chunk[0]!.id}:${email}`,
          props: {
            appUrl: env().APP_URL,
            periodEnd: boundary.toISOString(),
            alerts: chunk.map((h) => ({
              kind: h.type,
              sku: String(h.props.sku),
              productName: String(h.props.productName),
              supplierName: String(h.props.supplierName),
              quantity: Math.max(0, Number(h.props.quantity) || 0),
              at: h.createdAt.toISOString(),
            })),
          },
        });
        if (ref) out.push(ref);
      }
    }
    return out;
  }, TX_OPTIONS);
  await dispatchOutbox(refs);
  return refs.length;
}
