"use client";
import { btn, inputClass, td, th, ScrollX } from "@/components/ui/ui";

export type CompanyRole = "owner" | "buyer" | "viewer";
export type CompanyUserRow = { id: string; email: string; name: string; role: CompanyRole | null; active: boolean };
const ROLES: CompanyRole[] = ["owner", "buyer", "viewer"];

/** A company's users with their role and status, editable: the owners' page and ops' company page. */
export function UsersTable({
  users,
  meId,
  onChange,
  testId,
}: {
  users: CompanyUserRow[];
  meId?: string;
  onChange: (u: CompanyUserRow, body: { role?: CompanyRole; active?: boolean }) => void;
  testId?: string;
}) {
  return (
    <ScrollX>
      <table className="w-full text-sm" data-testid={testId}>
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
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100" data-testid={`user-${u.email}`}>
              <td className={td}>
                {u.name}
                {u.id === meId ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
              </td>
              <td className={td}>{u.email}</td>
              <td className={td}>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role ?? "viewer"}
                  onChange={(e) => onChange(u, { role: e.target.value as CompanyRole })}
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
                <button type="button" className={u.active ? btn.danger : btn.secondary} onClick={() => onChange(u, { active: !u.active })}>
                  {u.active ? "Deactivate" : "Reactivate"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
