import Link from "next/link";
import type { ReactNode } from "react";
import type { OrderDto } from "@/lib/orders/order-dto";
import { formatMoney } from "@/lib/web/format";
import { DateTime } from "@/components/ui/date-time";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { StatusBadge } from "@/components/ui/status-badge";

type Props = { order: OrderDto; backHref: string; backLabel: string; connected: boolean; actions?: ReactNode };

export function OrderHeader({ order, backHref, backLabel, connected, actions }: Props) {
  return (
    <div className="mb-4">
      <Link href={backHref} className="text-xs text-slate-500 hover:text-slate-800">
        ← {backLabel}
      </Link>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-lg font-semibold tracking-tight" data-testid="order-number">
            {order.number}
          </h1>
          <StatusBadge status={order.status} testId="order-status" />
          <LiveIndicator connected={connected} />
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {order.company?.name ? <span className="mr-2 font-medium text-slate-700">{order.company.name}</span> : null}
        Placed <DateTime iso={order.createdAt} /> · updated <DateTime iso={order.updatedAt} withSeconds /> · {formatMoney(order.subtotal, order.currency)}
      </p>
    </div>
  );
}
