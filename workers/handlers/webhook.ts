import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { markWebhookFailed, processWebhookCoalesced } from "../../lib/webhooks/process-webhook";
import { recordActionOutcome } from "../../lib/webhooks/record-action-outcome";

export const webhookHandler: JobHandler = {
  async run(data) {
    const { webhookEventId, actionId } = jobs.processWebhook.payload.parse(data);
    const result = await processWebhookCoalesced(webhookEventId);
    // An ops replay or attach: the log says what it did ("duplicate: already applied" when nothing).
    if (actionId) await recordActionOutcome(actionId, webhookEventId, result.outcome);
    return { kind: "done", result };
  },
  async exhausted(data, _ctx, reason) {
    const { webhookEventId, actionId } = jobs.processWebhook.payload.parse(data);
    await markWebhookFailed(webhookEventId, reason);
    if (actionId) await recordActionOutcome(actionId, webhookEventId, "failed");
  },
};
