import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { markWebhookFailed, processWebhookCoalesced } from "../../lib/webhooks/process-webhook";

export const webhookHandler: JobHandler = {
  async run(data) {
    const { webhookEventId } = jobs.processWebhook.payload.parse(data);
    return { kind: "done", result: await processWebhookCoalesced(webhookEventId) };
  },
  async exhausted(data, _ctx, reason) {
    const { webhookEventId } = jobs.processWebhook.payload.parse(data);
    await markWebhookFailed(webhookEventId, reason);
  },
};
