"use client";
import { isOrderCancelable } from "@/lib/web/format";
import type { OpsOrderDto } from "@/lib/orders/order-dto";
import { OpsActivity } from "./ops-activity";
import { CancelOrderButton, RetryOrderButton } from "@/components/orders/order-actions";
import { OrderAddress } from "@/components/orders/order-address";
import { OrderHeader } from "@/components/orders/order-header";
import { OrderLines } from "@/components/orders/order-lines";
import { OrderNotFound } from "@/components/orders/order-not-found";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { SupplierOrders } from "@/components/orders/supplier-orders";
import { Alert, Card, EmptyState } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";
import { useOrder } from "@/components/orders/use-order";

/** The newest error a supplier order or a supplier call reported. */
function lastError(o: OpsOrderDto): string | null {
  const fromSupplier = o.supplierOrders
    .map((s) => s.lastError)
    .filter(Boolean)
    .at(-1);
  if (fromSupplier) return fromSupplier;
  const failedCall = [...o.supplierCalls]
    .sort((a, b) => a.at.localeCompare(b.at))
    .filter((c) => c.error)
    .at(-1);
  return failedCall?.error ?? null;
}

/** Everything the reseller sees, plus the supplier calls, webhooks, emails and a retry. */
export function OpsOrderDetailView({ id, initial }: { id: string; initial: OpsOrderDto | null }) {
  const { order, error, missing, refetch, connected } = useOrder<OpsOrderDto>(id, `/api/ops/orders/${encodeURIComponent(id)}`, initial);
  const { notice, notify } = useNotice();

  if (missing) return <OrderNotFound />;
  if (!order)
    return error ? (
      <Alert>{error}</Alert>
    ) : (
      <Card>
        <EmptyState title="Loading order…" />
      </Card>
    );

  const err = lastError(order);
  const done = () => void refetch();
  return (
    <>
      <OrderHeader
        order={order}
        backHref="/ops/orders"
        backLabel="Ops board"
        connected={connected}
        actions={
          <>
            {order.status === "failed" ? <RetryOrderButton orderId={order.id} onDone={done} notify={notify} /> : null}
            {isOrderCancelable(order.status) ? <CancelOrderButton orderId={order.id} onDone={done} notify={notify} /> : null}
          </>
        }
      />
      <div className="space-y-4">
        {notice ? (
          <Alert tone={notice.tone} testId="order-notice">
            {notice.message}
          </Alert>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
        {err ? (
          <Alert testId="last-error">
            <span className="font-medium">Last error:</span> <span className="break-words">{err}</span>
          </Alert>
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_320px]">
          <div className="space-y-4">
            <OrderLines order={order} showCost />
            <SupplierOrders order={order} ops />
          </div>
          <OrderAddress order={order} />
        </div>
        <OrderTimeline order={order} />
        <OpsActivity order={order} onChanged={done} notify={notify} />
      </div>
    </>
  );
}
