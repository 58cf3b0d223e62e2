"use client";
import { useState } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { Alert, btn, Card, td, th, ScrollX } from "@/components/ui/ui";

export type Preference = { type: string; label: string; email: boolean; inApp: boolean; digest: boolean | null };

/** Per event type: email and in-app on or off, and stock alerts as one daily digest. Saved as a whole. */
export function NotificationPreferences({ initial }: { initial: Preference[] }) {
  const [prefs, setPrefs] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const dirty = JSON.stringify(prefs) !== JSON.stringify(saved);

  const set = (type: string, patch: Partial<Preference>) => {
    setStatus(null);
    setPrefs((cur) => cur.map((p) => (p.type === type ? { ...p, ...patch } : p)));
  };

  async function save() {
    setPending(true);
    const res = await apiFetch<{ data: Preference[] }>("/api/account/notification-preferences", {
      method: "PUT",
      body: JSON.stringify({
        preferences: prefs.map((p) => ({ type: p.type, email: p.email, inApp: p.inApp, ...(p.digest === null ? {} : { digest: p.digest }) })),
      }),
    });
    setPending(false);
    if (res.ok) {
      setPrefs(res.data.data);
      setSaved(res.data.data);
      setStatus({ tone: "success", message: "Saved." });
    } else setStatus({ tone: "error", message: res.error.message });
  }

  return (
    <Card
      title="Where each notification goes"
      actions={
        <button type="button" className={btn.primary} disabled={!dirty || pending} onClick={() => void save()} data-testid="save-preferences">
          {pending ? "Saving…" : "Save"}
        </button>
      }
    >
      {status ? (
        <div className="p-3">
          <Alert tone={status.tone} testId="preferences-status">
            {status.message}
          </Alert>
        </div>
      ) : null}
      <ScrollX>
        <table className="w-full text-sm" data-testid="notification-preferences">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Event</th>
              <th className={`${th} text-center`}>Email</th>
              <th className={`${th} text-center`}>In-app</th>
            </tr>
          </thead>
          <tbody>
            {prefs.map((p) => (
              <tr key={p.type} className="border-t border-slate-100" data-testid={`preference-${p.type}`}>
                <td className={td}>
                  {p.label}
                  {p.digest !== null && p.email ? (
                    <label className="mt-1 flex items-center gap-1.5 text-xs text-slate-500">
                      <input type="checkbox" checked={p.digest} onChange={(e) => set(p.type, { digest: e.target.checked })} data-testid={`digest-${p.type}`} />
                      One daily digest instead of an email each
                    </label>
                  ) : null}
                </td>
                <td className={`${td} text-center`}>
                  <input
                    type="checkbox"
                    aria-label={`${p.label} by email`}
                    checked={p.email}
                    onChange={(e) => set(p.type, { email: e.target.checked })}
                    data-testid={`email-${p.type}`}
                  />
                </td>
                <td className={`${td} text-center`}>
                  <input
                    type="checkbox"
                    aria-label={`${p.label} in the app`}
                    checked={p.inApp}
                    onChange={(e) => set(p.type, { inApp: e.target.checked })}
                    data-testid={`inapp-${p.type}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
      <p className="px-4 py-3 text-xs text-slate-500">
        Email settings apply to emails sent to your own address. A company&apos;s contact emails are set on the company page.
      </p>
    </Card>
  );
}
