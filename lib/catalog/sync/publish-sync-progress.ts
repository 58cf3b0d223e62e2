import "server-only";
import { publishEvent } from "../../events/publish";
import type { SyncProgressEvent } from "./types";

/**
 * sync.progress events at most every `intervalMs` (default ~4 per second):
 * a 100,000-SKU sync must not flood the event stream that order updates
 * share. The newest state is never lost: a skipped update is sent at the end
 * of the interval, and `force` (phase changes, the final state) sends at once.
 */
export function createProgressPublisher(intervalMs = 250) {
  let lastAt = 0;
  let pending: SyncProgressEvent | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const send = async (e: SyncProgressEvent) => {
    lastAt = Date.now();
    pending = null;
    await publishEvent(e);
  };

  return {
    async publish(e: SyncProgressEvent, force = false) {
      if (force || Date.now() - lastAt >= intervalMs) {
        if (timer) clearTimeout(timer);
        timer = null;
        await send(e);
        return;
      }
      pending = e;
      timer ??= setTimeout(
        () => {
          timer = null;
          if (pending) void send(pending);
        },
        Math.max(0, intervalMs - (Date.now() - lastAt)),
      );
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
