import { deliverDueWebhooks } from "../lib/outbound/deliver-webhooks";
import { log } from "../lib/logger";

/**
 * Outbound webhook deliveries run here, beside the job that kicks them (a scheduler's tick on the
 * maintenance queue, every WEBHOOK_DELIVERY_EVERY_MS): a kick starts a drain unless one runs,
 * and the drain takes due deliveries in passes until a pass finds fewer than it could take. A
 * slow receiver (up to 10 s an attempt) holds no queue slot. Postgres holds every delivery and
 * its due time, so a kick lost with Redis is only a later pass.
 */
const state: { running: Promise<void> | null; stopping: boolean } = { running: null, stopping: false };
const PASS = 50;

export function kickWebhookDrainer(): void {
  if (state.running || state.stopping) return;
  state.running = (async () => {
    try {
      for (let pass = 0; pass < 100 && !state.stopping; pass++) {
        const r = await deliverDueWebhooks({ limit: PASS });
        if (r.attempted < PASS) break;
      }
    } catch (err) {
      log.warn("webhook delivery pass failed; the next tick tries again", { err: (err as Error).message });
    } finally {
      state.running = null;
    }
  })();
}

/** Worker shutdown: no new pass, and the running one finishes (its attempts time out within 10 s). */
export async function stopWebhookDrainer(): Promise<void> {
  state.stopping = true;
  await state.running;
}

/** Tests that start workers again in one process. */
export function resetWebhookDrainer(): void {
  state.stopping = false;
}
