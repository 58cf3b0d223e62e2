"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCart } from "@/components/cart/cart-context";
import { useExceptionCount } from "@/components/ops/exceptions/use-exception-count";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Client only for the active highlight and the cart count, which live in the browser. A column
 * in the phone menu, a row in the bar from `lg` up; `onNavigate` closes the menu.
 */
export function NavLinks({ staff, onNavigate }: { staff: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  const { count, ready, actingFor } = useCart();
  const exceptions = useExceptionCount(staff);
  const links = [
    // Staff shop only while acting for a company (an order needs one; "/" otherwise takes them to the ops board).
    ...(staff && !actingFor
      ? []
      : [
          { href: "/", label: "Catalog", testId: "nav-catalog" },
          { href: "/cart", label: "Cart", testId: "nav-cart" },
        ]),
    { href: "/orders", label: "Orders", testId: "nav-orders" },
    ...(staff
      ? []
      : [
          { href: "/quick-order", label: "Quick order", testId: "nav-quick-order" },
          { href: "/lists", label: "Lists", testId: "nav-lists" },
        ]),
    ...(staff ? [] : [{ href: "/offers", label: "Offers", testId: "nav-offers" }]),
    { href: "/account", label: "Account", testId: "nav-account" },
    ...(staff ? [{ href: "/ops/orders", label: "Ops board", testId: "nav-ops" }] : []),
    ...(staff ? [{ href: "/ops/exceptions", label: "Exceptions", testId: "nav-exceptions" }] : []),
    ...(staff ? [{ href: "/ops/suppliers", label: "Suppliers", testId: "nav-suppliers" }] : []),
    ...(staff ? [{ href: "/ops/scorecards", label: "Scorecards", testId: "nav-scorecards" }] : []),
    ...(staff ? [{ href: "/ops/sync", label: "Sync", testId: "nav-sync" }] : []),
    ...(staff
      ? [
          { href: "/ops/offers", label: "Offers", testId: "nav-ops-offers" },
          { href: "/ops/pricing", label: "Pricing", testId: "nav-pricing" },
          { href: "/ops/alerts", label: "Alerts", testId: "nav-alerts" },
          { href: "/ops/webhooks", label: "Webhooks", testId: "nav-webhooks" },
          { href: "/ops/jobs", label: "Jobs", testId: "nav-jobs" },
          { href: "/ops/import", label: "Import", testId: "nav-import" },
          { href: "/ops/companies", label: "Companies", testId: "nav-companies" },
          { href: "/ops/audit", label: "Audit", testId: "nav-audit" },
        ]
      : []),
  ];
  return (
    <nav className="flex flex-col gap-0.5 lg:flex-row lg:items-center" aria-label="Main">
      {links.map((l) => {
        const active = isActive(pathname, l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            data-testid={l.testId}
            aria-current={active ? "page" : undefined}
            onClick={onNavigate}
            className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium lg:px-2 lg:py-1.5 lg:text-[13px] xl:px-2.5 ${
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
            }`}
          >
            {l.label}
            {l.href === "/ops/exceptions" && exceptions > 0 ? (
              <span
                data-testid="exceptions-count"
                className="min-w-5 rounded-full bg-amber-400 px-1.5 text-center text-[11px] leading-4 font-semibold tabular-nums text-slate-950"
              >
                {exceptions}
                <span className="sr-only"> open</span>
              </span>
            ) : null}
            {l.href === "/cart" ? (
              <span data-testid="cart-count" className="min-w-5 rounded-full bg-slate-600 px-1.5 text-center text-[11px] leading-4 tabular-nums text-white">
                {ready ? count : 0}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
