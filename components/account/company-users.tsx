"use client";
import { useCallback, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, EmptyState, inputClass } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";
import { UsersTable, type CompanyRole as Role, type CompanyUserRow as User } from "./users-table";

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
          <UsersTable users={data.users} meId={meId} testId="users-table" onChange={(u, body) => void change(u, body)} />
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
