import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { forwardSupplierOrder } from "../../lib/orders/forward-supplier-order";

export async function handleForward(job: Job, token?: string) {
  const { supplierOrderId } = jobs.forwardSupplierOrder.payload.parse(job.data);
  const max = job.opts.attempts ?? 1;
  const outcome = await forwardSupplierOrder(supplierOrderId, { number: job.attemptsMade + 1, max });
  // Throwing hands the job back to BullMQ for a backoff retry; the error
  // carries Retry-After for the backoff strategy.
  if (outcome.result === "retry") throw outcome.error;
  if (outcome.result === "failed") throw new UnrecoverableError(outcome.reason);
  if (outcome.result === "deferred") {
    // The supplier's circuit is open: park the job until it may probe again,
    // without counting an attempt.
    await job.moveToDelayed(Date.now() + outcome.delayMs, token);
    throw new DelayedError();
  }
  return outcome;
}
