"use client";
import { useSyncExternalStore } from "react";
import type { CircuitView } from "@/lib/suppliers/admin/types";
import { statusLabel } from "@/lib/web/status-labels";

const TONE: Record<CircuitView["state"], string> = {
  closed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  open: "bg-red-600 text-white ring-red-700",
  half_open: "bg-amber-50 text-amber-800 ring-amber-200",
};

// A once-a-second clock; null while server-rendering, so the countdown never mismatches on hydration.
const tick = (cb: () => void) => {
  const t = setInterval(cb, 1000);
  return () => clearInterval(t);
};
const useSecondClock = () =>
  useSyncExternalStore(
    tick,
    () => Math.floor(Date.now() / 1000) * 1000,
    () => null,
  );

/**
 * The supplier's circuit breaker as ops need it: the state as a label ("Half open"; the API's
 * word is in data-state, which tests compare) and, while open, when the next probe goes.
 */
export function CircuitBadge({ circuit }: { circuit: CircuitView }) {
  const now = useSecondClock();
  const left = now === null || !circuit.retryAt ? null : Math.max(0, Math.ceil((Date.parse(circuit.retryAt) - now) / 1000));
  return (
    <span
      data-testid="supplier-circuit"
      data-state={circuit.state}
      title={`${circuit.failures} consecutive failure${circuit.failures === 1 ? "" : "s"}`}
      className={`inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-[11px] font-medium leading-4 ring-1 ring-inset whitespace-nowrap ${TONE[circuit.state]}`}
    >
      {statusLabel(circuit.state)}
      {circuit.state === "open" && left !== null ? <span className="font-normal">· retry in {left} s</span> : null}
      {circuit.state === "half_open" ? <span className="font-normal">· next call probes</span> : null}
      {circuit.state === "closed" && circuit.failures > 0 ? <span className="font-normal">· {circuit.failures} failed</span> : null}
    </span>
  );
}
