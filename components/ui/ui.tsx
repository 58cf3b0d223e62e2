import type { ReactNode } from "react";

/** Small shared building blocks so pages look alike without a UI kit. */

export const btn = {
  primary:
    "inline-flex items-center justify-center gap-1.5 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50",
  danger:
    "inline-flex items-center justify-center gap-1.5 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50",
  ghost: "inline-flex items-center rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900",
};

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-200 aria-invalid:border-red-400 aria-invalid:ring-red-100";

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-0.5 text-sm text-slate-500">{subtitle}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, actions, children, className = "" }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
      {title ? (
        <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
          <h2 className="text-[13px] font-semibold text-slate-800">{title}</h2>
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function Alert({ tone = "error", children, testId }: { tone?: "error" | "info" | "success"; children: ReactNode; testId?: string }) {
  const tones = {
    error: "border-red-200 bg-red-50 text-red-800",
    info: "border-sky-200 bg-sky-50 text-sky-800",
    success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  };
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="px-4 py-10 text-center">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {/* links in the sentence are underlined: colour alone does not set them apart (axe: link-in-text-block) */}
      {children ? <div className="mt-1 text-sm text-slate-500 [&_a]:underline [&_a]:underline-offset-2">{children}</div> : null}
    </div>
  );
}

/** Table cells share padding and type size; dense like a dashboard. */
export const th = "px-3 py-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500";
export const td = "px-3 py-2 align-middle";

/**
 * A wide table scrolls sideways inside this box, never the page (phones: 375 px). It is a tab
 * stop so keyboard users can scroll it too (axe: scrollable-region-focusable), and `relative` so
 * that absolutely placed descendants (every `sr-only` text) are clipped with the rest: otherwise
 * a hidden label at the far end of a wide table widens the page.
 */
export function ScrollX({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div tabIndex={0} className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 ${className}`}>
      {children}
    </div>
  );
}
