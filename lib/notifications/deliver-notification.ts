import "server-only";
import { db } from "../db/client";
import { sendEmail } from "./send-email";
import { isEmailType, renderEmailHtml } from "./render-email";

/**
 * Send one queued Notification. A notification already sent is never sent
 * again (a re-delivered job is harmless); a failure is recorded and thrown so
 * the queue retries with backoff.
 */
export async function deliverNotification(notificationId: string, attempt: { number: number; max: number }) {
  const n = await db.notification.findUnique({ where: { id: notificationId } });
  if (!n || n.status === "sent") return { result: "skipped" as const };
  // HTML is rendered here, in the worker, from the props stored with the event.
  const html = n.html ?? (n.props && isEmailType(n.type) ? renderEmailHtml(n.type, n.props) : undefined);
  try {
    await sendEmail({ to: n.email, subject: n.subject, html, text: n.body, idempotencyKey: n.idempotencyKey, notificationId: n.id });
  } catch (err) {
    const last = attempt.number >= attempt.max;
    await db.notification.update({
      where: { id: n.id },
      data: { attempts: { increment: 1 }, lastError: (err as Error).message?.slice(0, 500), status: last ? "failed" : "pending" },
    });
    throw err;
  }
  await db.$transaction([
    db.notification.update({ where: { id: n.id }, data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, html } }),
    ...(n.orderId
      ? [db.orderEvent.create({ data: { orderId: n.orderId, type: "email_sent", source: "worker", message: `${n.type} email sent to ${n.email}` } })]
      : []),
  ]);
  return { result: "sent" as const };
}
