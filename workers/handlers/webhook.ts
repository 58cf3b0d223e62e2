import type { Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { processWebhook } from "../../lib/webhooks/process-webhook";

export async function handleWebhook(job: Job) {
  const { webhookEventId } = jobs.processWebhook.payload.parse(job.data);
  return processWebhook(webhookEventId);
}
