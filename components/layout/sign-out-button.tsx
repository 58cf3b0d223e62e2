"use client";
import { signOut } from "next-auth/react";

/**
 * redirect: false, then our own navigation: next-auth would build the target
 * from NEXTAUTH_URL, which is not set when the app runs on another host/port.
 */
export function SignOutButton() {
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={async () => {
        await signOut({ redirect: false });
        // a full load: the server-rendered header and every cached page must forget the user
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/login");
      }}
      className="rounded-md px-2 py-1 text-[13px] text-slate-300 hover:bg-slate-800 hover:text-white"
    >
      Sign out
    </button>
  );
}
