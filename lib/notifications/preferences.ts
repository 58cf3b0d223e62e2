import "server-only";
import { z } from "zod";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { DIGEST_EVENTS, EVENT_LABELS, eventsFor, type NotificationEvent } from "./event-types";

/**
 * Per-user notification preferences: for each event type the user can receive, the email and
 * in-app channels (both on unless turned off) and, for stock alerts, one daily digest instead of
 * an email per crossing. They are read where the notification is written (the trigger
 * portal_notification_fanout): an email turned off is recorded `suppressed`, a digested one
 * `held` until the digest pass (stock-digest.ts), an in-app one turned off is never written.
 * Email preferences apply to the addresses that are a user's; a company's contact emails are the
 * company settings' to manage.
 */
export type PreferenceDto = { type: NotificationEvent; label: string; email: boolean; inApp: boolean; digest: boolean | null };

type User = { id: string; role: string; companyRole?: string | null };

const preference = z.strictObject({
  type: z.string().trim().min(1).max(60),
  email: z.boolean().optional(),
  inApp: z.boolean().optional(),
  digest: z.boolean().optional(),
});
export const setPreferencesSchema = z.strictObject({
  preferences: z.array(preference).min(1, "Send at least one preference").max(50),
});

export async function getPreferences(user: User): Promise<{ data: PreferenceDto[] }> {
  const rows = await db.notificationPreference.findMany({ where: { userId: user.id } });
  const byType = new Map(rows.map((r) => [r.type, r]));
  return {
    data: eventsFor(user).map((type) => {
      const r = byType.get(type);
      const digestable = (DIGEST_EVENTS as readonly string[]).includes(type);
      return { type, label: EVENT_LABELS[type], email: r?.email ?? true, inApp: r?.inApp ?? true, digest: digestable ? (r?.digest ?? false) : null };
    }),
  };
}

export async function setPreferences(user: User, raw: unknown): Promise<{ data: PreferenceDto[] }> {
  const { preferences } = setPreferencesSchema.parse(raw);
  const allowed = eventsFor(user) as readonly string[];
  const fields: Record<string, string> = {};
  preferences.forEach((p, i) => {
    if (!allowed.includes(p.type)) fields[`preferences.${i}.type`] = `Not an event you receive: one of ${allowed.join(", ")}`;
    else if (p.digest !== undefined && !(DIGEST_EVENTS as readonly string[]).includes(p.type))
      fields[`preferences.${i}.digest`] = `Only ${DIGEST_EVENTS.join(" and ")} can be a daily digest`;
  });
  const types = preferences.map((p) => p.type);
  const dup = types.find((t, i) => types.indexOf(t) !== i);
  if (dup) fields[`preferences.${types.lastIndexOf(dup)}.type`] = `${dup} is listed twice`;
  if (Object.keys(fields).length) throw new AppError("validation_failed", Object.values(fields)[0]!, { fields });
  await db.$transaction(
    preferences.map((p) =>
      db.notificationPreference.upsert({
        where: { userId_type: { userId: user.id, type: p.type } },
        create: { userId: user.id, type: p.type, email: p.email ?? true, inApp: p.inApp ?? true, digest: p.digest ?? false },
        update: {
          ...(p.email !== undefined && { email: p.email }),
          ...(p.inApp !== undefined && { inApp: p.inApp }),
          ...(p.digest !== undefined && { digest: p.digest }),
        },
      }),
    ),
    TX_OPTIONS,
  );
  return getPreferences(user);
}
