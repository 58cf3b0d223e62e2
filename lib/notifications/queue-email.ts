import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { enqueueInTx, type OutboxRef } from "../queue/outbox";
import { composeEmail, type EmailPropsInput, type EmailType } from "./email-templates";

/**
 * One email that is not about an order (an invitation, a password reset), queued in the
 * caller's transaction: the Notification row and its send job commit with what caused them,
 * and the idempotency key makes a second queueing of the same event a no-op. Dispatch the
 * returned ref after the commit (dispatchOutbox); the recovery pass covers a miss.
 */
export async function queueEmailInTx<T extends EmailType>(
  tx: Tx,
  input: { type: T; email: string; userId?: string | null; props: EmailPropsInput<T>; idempotencyKey: string },
): Promise<OutboxRef | null> {
  const composed = composeEmail(input.type, input.props);
  const id = randomUUID();
  const created = await tx.notification.createMany({
    data: [
      {
        id,
        idempotencyKey: input.idempotencyKey,
        type: input.type,
        userId: input.userId ?? null,
        email: input.email.toLowerCase(),
        subject: composed.subject,
        body: composed.text,
        props: composed.props as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return null;
  return enqueueInTx(tx, "sendEmail", { notificationId: id });
}
