import Link from "next/link";
import { btn } from "@/components/ui/ui";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center" data-testid="not-found">
      <p className="font-mono text-xs text-slate-500">404</p>
      <h1 className="mt-1 text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-500">This page or order does not exist, or your account cannot see it.</p>
      <div className="mt-5 flex justify-center gap-2">
        <Link href="/orders" className={btn.secondary}>
          Your orders
        </Link>
        <Link href="/" className={btn.primary}>
          Catalog
        </Link>
      </div>
    </div>
  );
}
