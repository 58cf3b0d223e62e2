import "server-only";
import type { Redis } from "ioredis";
import { createRedis, redis } from "../redis";
import { log } from "../logger";
import { EVENTS_STREAM, type LiveEvent } from "./publish";

export type StreamEvent = { id: string; event: LiveEvent };
type Listener = (e: StreamEvent) => void;

/**
 * One reader per process: a single blocking XREAD loop on the stream feeds
 * every open SSE connection of this instance, so a thousand browsers cost one
 * Redis connection, not a thousand.
 */
class EventHub {
  private listeners = new Set<Listener>();
  private reader: Redis | null = null;
  private running = false;

  subscribe(fn: Listener) {
    this.listeners.add(fn);
    if (!this.running) void this.loop();
    return () => {
      this.listeners.delete(fn);
    };
  }

  private async loop() {
    this.running = true;
    this.reader ??= createRedis({ blocking: true });
    let last = "$";
    while (this.listeners.size > 0) {
      try {
        const res = (await this.reader.xread("COUNT", 500, "BLOCK", 5000, "STREAMS", EVENTS_STREAM, last)) as [string, [string, string[]][]][] | null;
        for (const [, entries] of res ?? []) {
          for (const [id, fields] of entries) {
            last = id;
            const parsed = parseEntry(id, fields);
            if (parsed) for (const l of this.listeners) l(parsed);
          }
        }
      } catch (err) {
        log.warn("event hub read failed; retrying", { err });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    this.running = false;
  }
}

export function parseEntry(id: string, fields: string[]): StreamEvent | null {
  const i = fields.indexOf("data");
  if (i < 0) return null;
  try {
    return { id, event: JSON.parse(fields[i + 1] ?? "") as LiveEvent };
  } catch {
    return null;
  }
}

/** Events after `lastId` still in the stream, for Last-Event-ID resume. */
export async function eventsSince(lastId: string, max = 1000): Promise<StreamEvent[]> {
  if (!/^\d+-\d+$/.test(lastId)) return [];
  const entries = (await redis.xrange(EVENTS_STREAM, `(${lastId}`, "+", "COUNT", max)) as [string, string[]][];
  return entries.map(([id, f]) => parseEntry(id, f)).filter((e): e is StreamEvent => e !== null);
}

const g = globalThis as unknown as { eventHub?: EventHub };
export const eventHub: EventHub = (g.eventHub ??= new EventHub());
