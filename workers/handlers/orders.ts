import type { Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { performCancel } from "../../lib/orders/cancel-order";

export async function handleOrdersJob(job: Job) {
  if (job.name === jobs.cancelOrder.name) {
    const { orderId, requestedBy } = jobs.cancelOrder.payload.parse(job.data);
    await performCancel(orderId, requestedBy);
    return { canceled: orderId };
  }
  throw new Error(`unknown job ${job.name} on ${job.queueName}`);
}
