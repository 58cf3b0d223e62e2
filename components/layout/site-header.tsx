import Link from "next/link";
import type { Principal } from "@/lib/auth/principal";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";

/** The top bar; without a user (login page) it shows only the brand. */
export function SiteHeader({ user, staff }: { user: Pick<Principal, "name" | "email" | "role" | "companyRole"> | null; staff: boolean }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-800 bg-slate-900">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 text-sm font-semibold tracking-tight text-white">
          <span aria-hidden className="grid size-6 place-items-center rounded bg-emerald-500 text-[11px] font-bold text-slate-900">
            PX
          </span>
          Phone Portal
        </Link>
        {user ? (
          <>
            <NavLinks staff={staff} />
            <div className="ml-auto flex items-center gap-3">
              <span className="hidden text-right leading-tight sm:block" data-testid="current-user">
                <span className="block text-[13px] text-slate-100">{user.name}</span>
                <span className="block text-[11px] text-slate-400">
                  {user.email} · {user.companyRole ?? user.role}
                </span>
              </span>
              <NotificationBell />
              <SignOutButton />
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}
