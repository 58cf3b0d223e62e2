import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "../wire/cursor";

/**
 * A user's in-app notifications (InboxItem rows, written by the trigger portal_notification_fanout
 * whenever an email is queued): listed newest first with the unread count, marked read one by one
 * or all at once. Always the caller's own: every query is keyed by the user id.
 */
export const listInboxQuerySchema = z.strictObject({
  unread: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListInboxQuery = z.infer<typeof listInboxQuerySchema>;

export const markReadSchema = z.strictObject({
  ids: z.array(z.string().trim().min(1).max(100)).min(1, "Name at least one notification").max(500),
});

export type InboxItemDto = {
  id: string;
  type: string;
  title: string;
  url: string | null;
  orderId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
};

const select = { id: true, type: true, title: true, url: true, orderId: true, readAt: true, createdAt: true } satisfies Prisma.InboxItemSelect;

function toDto(i: Prisma.InboxItemGetPayload<{ select: typeof select }>): InboxItemDto {
  return { ...i, read: i.readAt !== null, readAt: i.readAt?.toISOString() ?? null, createdAt: i.createdAt.toISOString() };
}

export async function unreadCount(userId: string): Promise<number> {
  return db.inboxItem.count({ where: { userId, readAt: null } });
}

export async function listInbox(userId: string, q: ListInboxQuery) {
  const after = decodeCursor(q.cursor);
  const where: Prisma.InboxItemWhereInput = { userId, ...(q.unread ? { readAt: null } : {}) };
  if (after) where.OR = [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }];
  const [rows, unread] = await Promise.all([
    db.inboxItem.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1, select }),
    unreadCount(userId),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map(toDto), unreadCount: unread, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Mark these of the user's notifications read; an id that is not theirs is a 404 naming it (nothing is marked). */
export async function markRead(userId: string, raw: unknown) {
  const { ids } = markReadSchema.parse(raw);
  const unique = [...new Set(ids)];
  return db.$transaction(async (tx) => {
    const mine = await tx.inboxItem.findMany({ where: { userId, id: { in: unique } }, select: { id: true } });
    if (mine.length !== unique.length) {
      const found = new Set(mine.map((m) => m.id));
      const missing = unique.filter((id) => !found.has(id));
      throw new AppError("not_found", `No notification ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? "…" : ""}`);
    }
    const r = await tx.inboxItem.updateMany({ where: { userId, id: { in: unique }, readAt: null }, data: { readAt: new Date() } });
    return { marked: r.count, unreadCount: await tx.inboxItem.count({ where: { userId, readAt: null } }) };
  });
}

export async function markAllRead(userId: string) {
  const r = await db.inboxItem.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return { marked: r.count, unreadCount: 0 };
}
