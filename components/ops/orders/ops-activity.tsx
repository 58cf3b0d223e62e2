import type { OpsOrderDto } from "@/lib/orders/order-dto";
import { DateTime } from "@/components/ui/date-time";
import { Card, EmptyState, td, th, ScrollX } from "@/components/ui/ui";
import { ResendEmailButton } from "@/components/orders/order-actions";
import { statusLabel } from "@/lib/web/status-labels";

type Notify = (tone: "error" | "info" | "success", message: string) => void;

const ok = (good: boolean) => (good ? "text-emerald-700" : "text-red-700");

/** What ops needs to see why an order is stuck: every supplier call, webhook and email. */
export function OpsActivity({ order, onChanged, notify }: { order: OpsOrderDto; onChanged: () => void; notify: Notify }) {
  const { supplierCalls: calls, webhooks: hooks, emails } = order;
  return (
    <>
      <Card title={`Supplier calls (${calls.length})`}>
        {calls.length === 0 ? (
          <EmptyState title="No supplier calls yet" />
        ) : (
          <ScrollX>
            <table className="w-full text-xs" data-testid="supplier-calls">
              <thead className="bg-slate-50/80 text-left">
                <tr>
                  <th className={th}>At</th>
                  <th className={th}>Operation</th>
                  <th className={th}>Request</th>
                  <th className={`${th} text-right`}>Status</th>
                  <th className={`${th} text-right`}>ms</th>
                  <th className={th}>Error</th>
                </tr>
              </thead>
              <tbody>
                {calls.map((c, i) => (
                  <tr key={`${c.at}-${i}`} data-testid="supplier-call" className="border-t border-slate-100 align-top">
                    <td className={`${td} whitespace-nowrap`}>
                      <DateTime iso={c.at} withSeconds />
                    </td>
                    <td className={td}>{c.operation}</td>
                    <td className={`${td} max-w-xs break-all font-mono text-[11px]`}>
                      {c.method} {c.url}
                    </td>
                    <td className={`${td} text-right tabular-nums ${ok(c.ok)}`}>{c.statusCode ?? "—"}</td>
                    <td className={`${td} text-right tabular-nums`}>{c.durationMs ?? "—"}</td>
                    <td className={`${td} max-w-sm break-words text-red-700`}>{c.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </Card>
      <Card title={`Webhook events (${hooks.length})`}>
        {hooks.length === 0 ? (
          <EmptyState title="No webhooks received" />
        ) : (
          <ScrollX>
            <table className="w-full text-xs" data-testid="webhook-events">
              <thead className="bg-slate-50/80 text-left">
                <tr>
                  <th className={th}>Received</th>
                  <th className={th}>Event</th>
                  <th className={th}>Outcome</th>
                  <th className={th}>Signature</th>
                  <th className={`${th} text-right`}>HTTP</th>
                  <th className={th}>Error</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((w, i) => (
                  <tr key={`${w.receivedAt}-${i}`} data-testid="webhook-event" className="border-t border-slate-100 align-top">
                    <td className={`${td} whitespace-nowrap`}>
                      <DateTime iso={w.receivedAt} withSeconds />
                    </td>
                    <td className={`${td} font-mono text-[11px]`}>{w.eventType}</td>
                    <td className={td}>{w.outcome}</td>
                    <td className={`${td} ${ok(w.verified)}`}>{w.verified ? "verified" : "not verified"}</td>
                    <td className={`${td} text-right tabular-nums`}>{w.httpStatus ?? "—"}</td>
                    <td className={`${td} max-w-sm break-words text-red-700`}>{w.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </Card>
      <Card title={`Emails (${emails.length})`}>
        {emails.length === 0 ? (
          <EmptyState title="No emails yet" />
        ) : (
          <ScrollX>
            <table className="w-full text-xs" data-testid="emails">
              <thead className="bg-slate-50/80 text-left">
                <tr>
                  <th className={th}>Created</th>
                  <th className={th}>Type</th>
                  <th className={th}>To</th>
                  <th className={th}>Subject</th>
                  <th className={th}>Status</th>
                  <th className={th}>Sent</th>
                  <th className={`${th} text-right`}>Tries</th>
                  <th className={th}>Error</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {emails.map((m, i) => (
                  <tr key={`${m.createdAt}-${m.email}-${i}`} data-testid="email" className="border-t border-slate-100 align-top">
                    <td className={`${td} whitespace-nowrap`}>
                      <DateTime iso={m.createdAt} withSeconds />
                    </td>
                    <td className={td}>
                      {m.type}
                      {m.resendOfId ? <span className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-600">resend</span> : null}
                    </td>
                    <td className={td}>{m.email}</td>
                    <td className={`${td} max-w-xs`}>{m.subject}</td>
                    <td className={td}>{statusLabel(m.status)}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      <DateTime iso={m.sentAt} withSeconds />
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{m.attempts}</td>
                    <td className={`${td} max-w-sm break-words text-red-700`}>{m.lastError ?? ""}</td>
                    <td className={`${td} text-right`}>
                      <ResendEmailButton orderId={order.id} notificationId={m.id} onDone={onChanged} notify={notify} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </Card>
    </>
  );
}
