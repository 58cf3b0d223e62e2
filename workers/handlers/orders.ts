import type { Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { performCancel } from "../../lib/orders/cancel-order";
import { pollSupplierOrder } from "../../lib/orders/poll-supplier-order";
import { reconcileOpenOrders } from "../../lib/orders/reconcile-open-orders";

export async function handleOrdersJob(job: Job) {
  if (job.name === jobs.cancelOrder.name) {
    const { orderId, requestedBy } = jobs.cancelOrder.payload.parse(job.data);
    await performCancel(orderId, requestedBy);
    return { canceled: orderId };
  }
  if (job.name === jobs.pollSupplierOrder.name) {
    const { supplierOrderId } = jobs.pollSupplierOrder.payload.parse(job.data);
    return pollSupplierOrder(supplierOrderId);
  }
  throw new Error(`unknown job ${job.name} on ${job.queueName}`);
}

export async function handleMaintenanceJob(job: Job) {
  if (job.name === jobs.reconcileOrders.name) return { queued: await reconcileOpenOrders() };
  throw new Error(`unknown job ${job.name} on ${job.queueName}`);
}
