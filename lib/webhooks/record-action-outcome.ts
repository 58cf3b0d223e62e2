import "server-only";
import { db } from "../db/client";

/** What a replay or attach found, in words for the webhook log (the event's row and its history). */
export function describeOutcome(processed: string, current: { outcome: string; error: string | null } | null): { outcome: string; message: string } {
  if (processed === "skipped") {
    // The normal path found the event processed already: nothing changed.
    const was = current?.outcome ?? "missing";
    if (was === "applied") return { outcome: "duplicate", message: "duplicate: already applied" };
    if (was === "ignored") return { outcome: "duplicate", message: "duplicate: already processed (ignored as older)" };
    return { outcome: was, message: `nothing done: the event is ${was}` };
  }
  const why = current?.error ? `: ${current.error}` : "";
  switch (processed) {
    case "applied":
      return { outcome: "applied", message: "applied" };
    case "ignored":
      return { outcome: "ignored", message: `ignored as older${why}` };
    case "unknown_order":
      return { outcome: "unknown_order", message: `flagged: unknown order${why}` };
    case "mismatch":
      return { outcome: "mismatch", message: `flagged: ids do not match${why}` };
    default:
      return { outcome: processed, message: `${processed}${why}` };
  }
}

/**
 * The worker ran the job an ops replay or attach queued (WebhookEventAction): its outcome goes
 * on the action (the event's history) and on the event row (its last replay), in one statement.
 */
export async function recordActionOutcome(actionId: string, webhookEventId: string, processed: string) {
  const current = await db.webhookEvent.findUnique({ where: { id: webhookEventId }, select: { outcome: true, error: true } });
  const { outcome, message } = describeOutcome(processed, current);
  await db.$executeRaw`
    WITH a AS (
      UPDATE "WebhookEventAction" SET "outcome" = ${outcome}, "message" = ${message.slice(0, 1000)}, "finishedAt" = now() AT TIME ZONE 'UTC'
       WHERE "id" = ${actionId} AND "finishedAt" IS NULL
      RETURNING "webhookEventId", "kind"
    )
    UPDATE "WebhookEvent" w SET "lastReplayOutcome" = ${message.slice(0, 1000)}
      FROM a WHERE w."id" = a."webhookEventId" AND a."kind" = 'replay'`;
}
