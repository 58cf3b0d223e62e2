import type { Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { deliverNotification } from "../../lib/notifications/deliver-notification";

export async function handleEmail(job: Job) {
  const { notificationId } = jobs.sendEmail.payload.parse(job.data);
  return deliverNotification(notificationId, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
}
