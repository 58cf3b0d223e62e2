"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { NavLinks } from "./nav-links";

const MENU_ID = "site-menu";

/**
 * The header's links and who is signed in: a row in the bar from `lg` up; below, a panel under
 * the bar that the menu button opens. The panel closes on Escape, on a link and on any navigation
 * (it is open for one pathname only). `children` (the bell, Sign out) stay in the bar.
 */
export function HeaderMenu({ staff, who, children }: { staff: boolean; who: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenAt(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <div
        id={MENU_ID}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-3rem)] flex-col gap-3 overflow-y-auto border-b border-slate-800 bg-slate-900 px-4 pb-4 pt-2 shadow-lg lg:static lg:z-auto lg:ml-3 lg:flex lg:max-h-none lg:flex-1 lg:flex-row lg:items-center lg:gap-3 lg:overflow-visible lg:border-0 lg:p-0 lg:shadow-none`}
      >
        <NavLinks staff={staff} onNavigate={() => setOpenAt(null)} />
        <div className="border-t border-slate-800 pt-3 lg:ml-auto lg:border-0 lg:pt-0">{who}</div>
      </div>
      <div className="ml-auto flex items-center gap-3 lg:ml-0">
        {children}
        <button
          ref={button}
          type="button"
          data-testid="nav-menu-button"
          aria-expanded={open}
          aria-controls={MENU_ID}
          aria-label="Menu"
          onClick={() => setOpenAt(open ? null : pathname)}
          className="grid size-8 place-items-center rounded-md text-slate-300 hover:bg-slate-800 hover:text-white lg:hidden"
        >
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
            {open ? (
              <path d="M5.3 4.3a1 1 0 0 0-1 1.4L8.6 10l-4.3 4.3a1 1 0 1 0 1.4 1.4L10 11.4l4.3 4.3a1 1 0 0 0 1.4-1.4L11.4 10l4.3-4.3a1 1 0 0 0-1.4-1.4L10 8.6 5.7 4.3a1 1 0 0 0-.4-.1Z" />
            ) : (
              <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
            )}
          </svg>
        </button>
      </div>
    </>
  );
}
