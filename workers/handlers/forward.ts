import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { forwardCoalesced, giveUpForwarding } from "../../lib/orders/forward-supplier-order";

export const forwardHandler: JobHandler = {
  async run(data, ctx) {
    const { supplierOrderId } = jobs.forwardSupplierOrder.payload.parse(data);
    const outcome = await forwardCoalesced({ supplierOrderId, attempt: { number: ctx.attempt, max: ctx.maxAttempts } });
    switch (outcome.result) {
      // The error carries the supplier's Retry-After for the backoff.
      case "retry":
        return { kind: "retry", error: outcome.error };
      case "failed":
        return { kind: "dead", reason: outcome.reason };
      case "submitted":
        return { kind: "done", result: outcome };
      // The supplier's circuit is open: wait until it may probe again, without counting an attempt.
      case "deferred":
        return { kind: "defer", delayMs: outcome.delayMs, reason: "circuit open" };
      default:
        return { kind: "done", result: outcome };
    }
  },
  async exhausted(data, _ctx, reason) {
    const { supplierOrderId } = jobs.forwardSupplierOrder.payload.parse(data);
    const outcome = await giveUpForwarding(supplierOrderId, reason);
    if (outcome.result === "deferred") return { deferMs: outcome.delayMs };
  },
};
