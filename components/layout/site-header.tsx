import Link from "next/link";
import type { Principal } from "@/lib/auth/principal";
import { HeaderMenu } from "./header-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { SignOutButton } from "./sign-out-button";

/**
 * The top bar; without a user (login page) it shows only the brand. Below `lg` the links and who
 * is signed in fold behind a menu button (HeaderMenu); the bell and Sign out stay in the bar at
 * every width.
 */
export function SiteHeader({ user, staff }: { user: Pick<Principal, "name" | "email" | "role" | "companyRole"> | null; staff: boolean }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-800 bg-slate-900">
      <div className="relative mx-auto flex h-12 max-w-7xl items-center gap-3 px-4">
        <Link href="/" className="flex shrink-0 items-center gap-2 text-sm font-semibold tracking-tight text-white">
          <span aria-hidden className="grid size-6 place-items-center rounded bg-emerald-500 text-[11px] font-bold text-slate-900">
            PX
          </span>
          <span className="max-[359px]:sr-only">Phone Portal</span>
        </Link>
        {user ? (
          <HeaderMenu
            staff={staff}
            who={
              <span className="block leading-tight lg:hidden lg:text-right xl:block" data-testid="current-user">
                <span className="block text-[13px] text-slate-100">{user.name}</span>
                <span className="block text-[11px] text-slate-400">
                  {user.email} · {user.companyRole ?? user.role}
                </span>
              </span>
            }
          >
            <NotificationBell />
            <SignOutButton />
          </HeaderMenu>
        ) : null}
      </div>
    </header>
  );
}
