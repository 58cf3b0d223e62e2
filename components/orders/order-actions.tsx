"use client";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { btn } from "@/components/ui/ui";

type Notify = (tone: "error" | "info" | "success", message: string) => void;

/**
 * Cancel asks for a second click inline (not window.confirm, which blocks
 * the page and which automated browsers dismiss): a B2B order canceled by a
 * stray click is expensive.
 */
export function CancelOrderButton({ orderId, onDone, notify }: { orderId: string; onDone: () => void; notify: Notify }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  async function cancel() {
    setPending(true);
    const res = await apiFetch<unknown>(`/api/orders/${encodeURIComponent(orderId)}/cancel`, { method: "POST" });
    setPending(false);
    setConfirming(false);
    if (res.ok) notify("info", "Cancellation requested. The status updates when the supplier confirms.");
    else if (res.status === 401) return redirectToLogin();
    else notify("error", res.error.code === "not_cancelable" ? `This order can no longer be canceled: ${res.error.message}` : res.error.message);
    onDone();
  }

  if (!confirming) {
    return (
      <button type="button" className={btn.danger} data-testid="cancel-order" onClick={() => setConfirming(true)}>
        Cancel order
      </button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span className="text-xs text-slate-600">Cancel this order?</span>
      <button type="button" className={btn.danger} data-testid="confirm-cancel" disabled={pending} onClick={() => void cancel()}>
        {pending ? "Canceling…" : "Yes, cancel"}
      </button>
      <button type="button" className={btn.secondary} data-testid="keep-order" disabled={pending} onClick={() => setConfirming(false)}>
        Keep order
      </button>
    </span>
  );
}

/** Ops: send a failed order back to the forwarding queue. */
export function RetryOrderButton({ orderId, onDone, notify }: { orderId: string; onDone: () => void; notify: Notify }) {
  const [pending, setPending] = useState(false);
  async function retry() {
    setPending(true);
    const res = await apiFetch<unknown>(`/api/ops/orders/${encodeURIComponent(orderId)}/retry`, { method: "POST" });
    setPending(false);
    if (res.ok) notify("success", "Retry queued.");
    else if (res.status === 401) return redirectToLogin();
    else notify("error", res.error.message);
    onDone();
  }
  return (
    <button type="button" className={btn.primary} data-testid="retry-order" disabled={pending} onClick={() => void retry()}>
      {pending ? "Retrying…" : "Retry"}
    </button>
  );
}

/** Ops: send one of the order's emails again (a new delivery, on the timeline). */
export function ResendEmailButton({
  orderId,
  notificationId,
  onDone,
  notify,
}: {
  orderId: string;
  notificationId: string;
  onDone: () => void;
  notify: Notify;
}) {
  const [pending, setPending] = useState(false);
  async function resend() {
    setPending(true);
    const res = await apiFetch<{ email: string }>(`/api/ops/orders/${encodeURIComponent(orderId)}/notifications/${encodeURIComponent(notificationId)}/resend`, {
      method: "POST",
    });
    setPending(false);
    if (res.ok) notify("success", `Email queued again to ${res.data.email}.`);
    else if (res.status === 401) return redirectToLogin();
    else notify("error", res.error.message);
    onDone();
  }
  return (
    <button type="button" className={btn.ghost} data-testid="resend-email" disabled={pending} onClick={() => void resend()}>
      {pending ? "Sending…" : "Resend"}
    </button>
  );
}
