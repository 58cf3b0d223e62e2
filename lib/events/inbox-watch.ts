import "server-only";
import { db } from "../db/client";
import { log } from "../logger";

export type InboxLiveEvent = { type: "notification.created"; id: string; userId: string; kind: string; title: string; url: string | null; createdAt: string };
type Listener = (e: InboxLiveEvent) => void;

const EVERY_MS = 500;
/** Items are looked for this far back: a transaction that began before it commits after is still found. */
const LOOKBACK_S = 30;

/**
 * New in-app notifications, live. They are written by a trigger inside whatever transaction
 * queued the email (the web's order intake, the worker's supplier updates, a sync), so there is
 * no one place after those commits to publish from; instead each app process, while it has open
 * streams of signed-in users, asks Postgres twice a second for those users' items of the last
 * seconds (one indexed query, however many streams) and hands each new one to its streams. No
 * commit waits on it and nothing depends on Redis; a stream that drops refetches when it is back.
 */
class InboxWatcher {
  private listeners = new Map<string, Set<Listener>>();
  private seen = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  subscribe(userId: string, fn: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set<Listener>();
    set.add(fn);
    this.listeners.set(userId, set);
    this.timer ??= setTimeout(() => void this.tick(), EVERY_MS);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private async tick() {
    const users = [...this.listeners.keys()];
    if (users.length === 0) {
      this.timer = null;
      this.seen.clear();
      return;
    }
    try {
      const rows = await db.$queryRaw<{ id: string; userId: string; type: string; title: string; url: string | null; createdAt: Date }[]>`
        SELECT "id", "userId", "type", "title", "url", "createdAt" FROM "InboxItem"
         WHERE "userId" = ANY(${users}::text[]) AND "createdAt" > now() - ${LOOKBACK_S} * interval '1 second'
         ORDER BY "createdAt", "id"`;
      const now = Date.now();
      for (const r of rows) {
        if (this.seen.has(r.id)) continue;
        this.seen.set(r.id, now + 2 * LOOKBACK_S * 1000);
        const event: InboxLiveEvent = {
          type: "notification.created",
          id: r.id,
          userId: r.userId,
          kind: r.type,
          title: r.title,
          url: r.url,
          createdAt: r.createdAt.toISOString(),
        };
        for (const fn of this.listeners.get(r.userId) ?? []) fn(event);
      }
      for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
    } catch (err) {
      log.warn("inbox watch failed; trying again", { err: (err as Error).message });
    }
    this.timer = setTimeout(() => void this.tick(), EVERY_MS);
  }
}

const g = globalThis as unknown as { inboxWatcher?: InboxWatcher };
export const inboxWatcher: InboxWatcher = (g.inboxWatcher ??= new InboxWatcher());
