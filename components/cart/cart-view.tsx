"use client";
import Link from "next/link";
import { useCart } from "./cart-context";
import { CartLines } from "./cart-lines";
import { SaveListButton } from "@/components/lists/save-list-button";
import { Card, EmptyState, btn, ScrollX } from "@/components/ui/ui";

export function CartView({ staff = false }: { staff?: boolean }) {
  const { lines, ready, clear, actingFor } = useCart();
  if (!ready)
    return (
      <Card>
        <EmptyState title="Loading cart…" />
      </Card>
    );
  if (staff && !actingFor) return <StaffWithoutCompany />;
  if (lines.length === 0) {
    return (
      <Card>
        <EmptyState title="Your cart is empty">
          <Link href="/" className="text-sky-700 hover:underline">
            Browse the catalog
          </Link>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <ScrollX>
        <CartLines />
      </ScrollX>
      <div className="flex flex-wrap-reverse items-center justify-between gap-2 border-t border-slate-100 px-4 py-3">
        <button type="button" className={btn.ghost} onClick={clear} data-testid="clear-cart">
          Empty cart
        </button>
        <div className="flex flex-wrap gap-2">
          <Link href="/" className={btn.secondary}>
            Continue shopping
          </Link>
          {/* Lists and offers are the company's own tools: not while staff order for it. */}
          {actingFor ? null : (
            <>
              <SaveListButton source="cart" defaultName="Cart" lines={lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))} />
              <Link href="/offers/new" className={btn.secondary} data-testid="make-offer-link">
                Make an offer
              </Link>
            </>
          )}
          <Link href="/checkout" className={btn.primary} data-testid="checkout-link">
            Checkout
          </Link>
        </div>
      </div>
    </Card>
  );
}

/** Staff have no cart of their own: an order is a company's. */
export function StaffWithoutCompany() {
  return (
    <Card>
      <EmptyState title="Staff order for a company">
        Open the company on{" "}
        <Link href="/ops/companies" className="text-sky-700 underline">
          Companies
        </Link>{" "}
        and choose Order for this company.
      </EmptyState>
    </Card>
  );
}
