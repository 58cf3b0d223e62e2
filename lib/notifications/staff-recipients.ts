import "server-only";
import type { Db, Tx } from "../db/client";
import { env } from "../env";

export type StaffRecipient = { email: string; userId: string | null };

/**
 * Who an ops email (a failed or stuck order, a stock alert, a failed sync) goes to: every active
 * staff user at their own address, so each one's preferences decide what reaches them (the
 * trigger portal_notification_fanout records an email turned off as suppressed, a digested one as
 * held), and the team mailbox OPS_EMAIL beside them. One row per address.
 */
export async function staffRecipients(tx: Tx | Db): Promise<StaffRecipient[]> {
  const users = await tx.user.findMany({
    where: { role: { in: ["ops", "admin"] }, deactivatedAt: null },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  const team = env().OPS_EMAIL.toLowerCase();
  const out: StaffRecipient[] = users.map((u) => ({ email: u.email.toLowerCase(), userId: u.id }));
  return out.some((r) => r.email === team) ? out : [{ email: team, userId: null }, ...out];
}
