"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCart } from "@/components/cart/cart-context";
import { btn } from "@/components/ui/ui";

/**
 * Shown to staff on every page while they order for a company: whose catalog, cart and
 * checkout these are, and a way to stop (the company's cart is kept for next time).
 */
export function ActingForBar() {
  const { actingFor, stopActingFor, count, ready } = useCart();
  const router = useRouter();
  if (!actingFor) return null;
  return (
    <div role="region" aria-label="Ordering for a company" data-testid="acting-for" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-2 text-sm text-amber-950">
        <p className="min-w-0">
          Acting for <strong data-testid="acting-for-company">{actingFor.name}</strong>: orders you place are the company&apos;s, at its prices.
        </p>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Link href="/" className={btn.secondary} data-testid="acting-for-catalog">
            Catalog
          </Link>
          <Link href="/cart" className={btn.secondary} data-testid="acting-for-cart">
            Cart ({ready ? count : 0})
          </Link>
          <button
            type="button"
            className={btn.secondary}
            data-testid="acting-for-stop"
            onClick={() => {
              stopActingFor();
              router.push(`/ops/companies/${encodeURIComponent(actingFor.id)}`);
            }}
          >
            Stop acting for {actingFor.name}
          </button>
        </div>
      </div>
    </div>
  );
}

/** On /ops/companies/{id}: start ordering for this company, from its catalog. */
export function OrderForCompanyButton({ company }: { company: { id: string; name: string } }) {
  const { startActingFor } = useCart();
  const router = useRouter();
  return (
    <button
      type="button"
      className={btn.primary}
      data-testid="order-for-company"
      onClick={() => {
        startActingFor({ id: company.id, name: company.name });
        router.push("/");
      }}
    >
      Order for this company
    </button>
  );
}
