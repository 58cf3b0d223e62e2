import Link from "next/link";
import { btn } from "@/components/ui/ui";

/** Shown when the client learns an order is gone or not ours (the server page 404s when it can). */
export function OrderNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center" data-testid="not-found">
      <p className="font-mono text-xs text-slate-500">404</p>
      <h1 className="mt-1 text-lg font-semibold">Order not found</h1>
      <p className="mt-1 text-sm text-slate-500">It does not exist, or your account cannot see it.</p>
      <Link href="/orders" className={`${btn.secondary} mt-5`}>
        Back to orders
      </Link>
    </div>
  );
}
