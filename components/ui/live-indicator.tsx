/** Shows whether the event stream is open, so a user knows the screen is current. */
export function LiveIndicator({ connected }: { connected: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
      <span className={`size-2 rounded-full ${connected ? "animate-pulse bg-emerald-500" : "bg-slate-300"}`} aria-hidden />
      {connected ? "Live" : "Connecting…"}
    </span>
  );
}
