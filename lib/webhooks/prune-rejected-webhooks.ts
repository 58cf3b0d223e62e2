import "server-only";
import { db } from "../db/client";

/**
 * Rejected webhook requests (never verified, no body: the log keeps their headers and reason)
 * are removed after 7 days by the worker's hourly maintenance; verified events stay.
 */
export async function pruneRejectedWebhooks(olderThanMs = 7 * 24 * 3600 * 1000): Promise<number> {
  const r = await db.webhookEvent.deleteMany({ where: { outcome: "rejected", receivedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return r.count;
}
