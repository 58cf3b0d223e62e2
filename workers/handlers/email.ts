import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { deliverCoalesced, recordEmailFailed } from "../../lib/notifications/deliver-notification";
import { SendEmailError } from "../../lib/notifications/send-email";

export const emailHandler: JobHandler = {
  async run(data, ctx) {
    const { notificationId } = jobs.sendEmail.payload.parse(data);
    try {
      const r = await deliverCoalesced({ notificationId, final: ctx.final });
      if (r.result === "busy") return { kind: "defer", delayMs: r.retryInMs, reason: "another worker is sending it" };
      // Marking it sent finished the job's outbox row in the same statement.
      return { kind: "done", result: r, completed: r.result === "sent" };
    } catch (err) {
      // A 5xx from the server will not get better by retrying (the notification says failed already).
      if (err instanceof SendEmailError && err.permanent) return { kind: "dead", reason: err.message };
      throw err;
    }
  },
  async exhausted(data, _ctx, reason) {
    const { notificationId } = jobs.sendEmail.payload.parse(data);
    await recordEmailFailed(notificationId, reason);
  },
};
