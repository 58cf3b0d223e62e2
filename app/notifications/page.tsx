import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getPreferences } from "@/lib/notifications/preferences";
import { NotificationCenter } from "@/components/notifications/notification-center";
import { NotificationPreferences } from "@/components/notifications/notification-preferences";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const p = await requireUser("/notifications");
  const prefs = await getPreferences({ id: p.userId, role: p.role, companyRole: p.companyRole ?? null });
  return (
    <>
      <PageHeader title="Notifications" subtitle="What happened to your orders and what needs you, with where each one is sent" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_420px]">
        <NotificationCenter />
        <NotificationPreferences initial={prefs.data} />
      </div>
    </>
  );
}
