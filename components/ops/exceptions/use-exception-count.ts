"use client";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/web/api-client";

/** How many exceptions are open, for the nav's badge (staff only; refreshed every 30 s and on focus). */
export function useExceptionCount(staff: boolean): number {
  const [open, setOpen] = useState(0);
  useEffect(() => {
    if (!staff) return;
    let live = true;
    const load = () =>
      void apiFetch<{ open: number }>("/api/ops/exceptions/count").then((res) => {
        if (live && res.ok) setOpen(res.data.open);
      });
    load();
    const t = setInterval(load, 30_000);
    window.addEventListener("focus", load);
    window.addEventListener("portal:exceptions-changed", load);
    return () => {
      live = false;
      clearInterval(t);
      window.removeEventListener("focus", load);
      window.removeEventListener("portal:exceptions-changed", load);
    };
  }, [staff]);
  return open;
}
