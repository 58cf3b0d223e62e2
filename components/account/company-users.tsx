"use client";
import { useCallback, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, EmptyState, inputClass, td, th } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

type Role = "owner" | "buyer" | "viewer";
type User = { id: string; email: string; name: string; role: Role; active: boolean };
type Invitation = { id: string; email: string; role: Role; expiresAt: string };
const ROLES: Role[] = ["owner", "buyer", "viewer"];

export type CompanyUsersData = { users: User[]; invitations: Invitation[] };

/** Rendered with the server's list; reloaded from the API after each change. */
export function CompanyUsers({ meId, initial }: { meId: string; initial: CompanyUsersData }) {
  const [data, setData] = useState<CompanyUsersData | null>(initial);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const invite = useFormErrors();
  const load = useCallback(async () => {
    const r = await apiFetch<{ users: User[]; invitations: Invitation[] }>("/api/account/users");
    if (r.ok) setData(r.data);
    else setNotice({ tone: "error", text: r.error.message });
  }, []);

  async function change(user: User, body: { role?: Role; active?: boolean }) {
    const r = await apiFetch<User>(`/api/account/users/${encodeURIComponent(user.id)}`, { method: "PATCH", body: JSON.stringify(body) });
    setNotice(r.ok ? { tone: "success", text: `${user.name}: saved.` } : { tone: "error", text: r.error.message });
    await load();
  }
  async function withdraw(inv: Invitation) {
    const r = await apiFetch(`/api/account/invitations/${encodeURIComponent(inv.id)}`, { method: "DELETE" });
    setNotice(r.ok ? { tone: "success", text: `Invitation to ${inv.email} withdrawn.` } : { tone: "error", text: r.error.message });
    await load();
  }
  async function onInvite(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    invite.start();
    const r = await apiFetch<Invitation>("/api/account/invitations", {
      method: "POST",
      body: JSON.stringify({ email: String(fd.get("email") ?? "").trim(), role: String(fd.get("role") ?? "buyer") }),
    });
    if (invite.done(r)) {
      form.reset();
      setNotice({ tone: "success", text: `Invitation emailed to ${r.data.email}.` });
      await load();
    }
  }

  return (
    <div className="space-y-4">
      {notice ? (
        <Alert tone={notice.tone} testId="users-notice">
          {notice.text}
        </Alert>
      ) : null}
      <Card title="Invite someone">
        <form onSubmit={onInvite} className="flex flex-wrap items-end gap-3 p-4" noValidate>
          <FormField id="invite-email" name="email" type="email" label="Email" required path="email" error={invite.fields.email} className="min-w-64 flex-1" />
          <div>
            <label htmlFor="invite-role" className="mb-1 block text-[13px] font-medium text-slate-700">
              Role
            </label>
            <select id="invite-role" name="role" defaultValue="buyer" className={inputClass} data-testid="invite-role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={btn.primary} disabled={invite.pending} data-testid="invite-submit">
            {invite.pending ? "Sending…" : "Send invitation"}
          </button>
          {invite.message && !invite.fields.email ? <p className="w-full text-sm text-red-700">{invite.message}</p> : null}
        </form>
      </Card>
      <Card title="Users">
        {!data ? (
          <EmptyState title="Loading…" />
        ) : (
          <table className="w-full text-sm" data-testid="users-table">
            <thead>
              <tr className="text-left">
                <th className={th}>Name</th>
                <th className={th}>Email</th>
                <th className={th}>Role</th>
                <th className={th}>Status</th>
                <th className={th} />
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id} className="border-t border-slate-100" data-testid={`user-${u.email}`}>
                  <td className={td}>
                    {u.name}
                    {u.id === meId ? <span className="ml-1 text-xs text-slate-400">(you)</span> : null}
                  </td>
                  <td className={td}>{u.email}</td>
                  <td className={td}>
                    <select
                      aria-label={`Role of ${u.email}`}
                      value={u.role}
                      onChange={(e) => void change(u, { role: e.target.value as Role })}
                      className={`${inputClass} w-28`}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={td}>{u.active ? "active" : "deactivated"}</td>
                  <td className={`${td} text-right`}>
                    <button type="button" className={u.active ? btn.danger : btn.secondary} onClick={() => void change(u, { active: !u.active })}>
                      {u.active ? "Deactivate" : "Reactivate"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {data && data.invitations.length > 0 ? (
        <Card title="Pending invitations">
          <ul className="divide-y divide-slate-100 text-sm">
            {data.invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between px-4 py-2" data-testid={`invitation-${i.email}`}>
                <span>
                  {i.email} · {i.role} · expires {new Date(i.expiresAt).toISOString().slice(0, 16).replace("T", " ")} UTC
                </span>
                <button type="button" className={btn.ghost} onClick={() => void withdraw(i)}>
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
