"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
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
  const [moreOpen, setMoreOpen] = useState(false);
  const moreRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!moreOpen) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !moreRef.current?.contains(e.target as Node)) setMoreOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, [moreOpen]);
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
    ...(staff ? [{ href: "/ops/sync", label: "Sync", testId: "nav-sync" }] : []),
    ...(staff ? [{ href: "/ops/offers", label: "Offers", testId: "nav-ops-offers" }] : []),
  ];
  // Ops have more pages than a bar holds: from `lg` up these sit behind "More"; in the phone menu they are listed with the rest.
  const more = staff
    ? [
        { href: "/ops/companies", label: "Companies", testId: "nav-companies" },
        { href: "/ops/pricing", label: "Pricing", testId: "nav-pricing" },
        { href: "/ops/alerts", label: "Alerts", testId: "nav-alerts" },
        { href: "/ops/webhooks", label: "Webhooks", testId: "nav-webhooks" },
        { href: "/ops/jobs", label: "Jobs", testId: "nav-jobs" },
        { href: "/ops/scorecards", label: "Scorecards", testId: "nav-scorecards" },
        { href: "/ops/import", label: "Import", testId: "nav-import" },
        { href: "/ops/audit", label: "Audit", testId: "nav-audit" },
      ]
    : [];
  const moreActive = more.some((l) => isActive(pathname, l.href));
  const link = (l: { href: string; label: string; testId: string }) => {
    const active = isActive(pathname, l.href);
    return (
      <Link
        key={l.href}
        href={l.href}
        data-testid={l.testId}
        aria-current={active ? "page" : undefined}
        onClick={() => {
          setMoreOpen(false);
          onNavigate?.();
        }}
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
  };
  return (
    <nav className="flex flex-col gap-0.5 lg:flex-row lg:items-center" aria-label="Main">
      {links.map(link)}
      {more.length ? (
        <div ref={moreRef} className="contents lg:relative lg:block">
          <button
            type="button"
            aria-expanded={moreOpen}
            aria-controls="nav-more"
            onClick={() => setMoreOpen((o) => !o)}
            data-testid="nav-more"
            className={`hidden items-center gap-1 whitespace-nowrap rounded-md px-2 py-1.5 text-[13px] font-medium lg:inline-flex xl:px-2.5 ${
              moreActive ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
            }`}
          >
            More
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-3.5">
              <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
            </svg>
          </button>
          <div
            id="nav-more"
            className={`flex flex-col gap-0.5 ${moreOpen ? "lg:flex" : "lg:hidden"} lg:absolute lg:right-0 lg:top-full lg:z-40 lg:mt-1 lg:w-44 lg:rounded-md lg:border lg:border-slate-700 lg:bg-slate-900 lg:p-1 lg:shadow-lg`}
          >
            {more.map(link)}
          </div>
        </div>
      ) : null}
    </nav>
  );
}
