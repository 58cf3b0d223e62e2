"use client";
import { btn } from "@/components/ui/ui";

/** Last-resort boundary: say something went wrong and offer a retry, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center" role="alert">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm text-slate-500">The page could not be shown. Try again in a moment.</p>
      <button type="button" onClick={reset} className={`${btn.primary} mt-5`}>
        Try again
      </button>
    </div>
  );
}
