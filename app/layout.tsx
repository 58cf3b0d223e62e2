import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { getSessionPrincipal } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { CartProvider } from "@/components/cart/cart-context";
import { SiteHeader } from "@/components/layout/site-header";
import { ActingForBar } from "@/components/ops/acting-for/acting-for-bar";

export const metadata: Metadata = {
  title: { default: "Phone Portal", template: "%s · Phone Portal" },
  description: "B2B ordering for phone resellers",
};

/**
 * The layout only decides what the header shows; each page checks access
 * itself (layouts are not re-run on every navigation, so they cannot guard).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <CartProvider userId={user?.userId ?? null}>
          <SiteHeader user={user} staff={user ? isStaff(user) : false} />
          {user && isStaff(user) ? <ActingForBar /> : null}
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </CartProvider>
      </body>
    </html>
  );
}
