"use client";
import Link from "next/link";
import { isOrderCancelable, STILL_PLACING, stillPlacing } from "@/lib/web/format";
import type { OrderDto } from "@/lib/orders/order-dto";
import { CancelOrderButton } from "./order-actions";
import { OrderAddress } from "./order-address";
import { OrderHeader } from "./order-header";
import { OrderLines } from "./order-lines";
import { OrderTimeline } from "./order-timeline";
import { OrderNotFound } from "./order-not-found";
import { SupplierOrders } from "./supplier-orders";
import { Alert, btn, Card, EmptyState } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";
import { useOrder } from "./use-order";

/** The reseller's view of one order, live. */
export function OrderDetailView({ id, initial }: { id: string; initial: OrderDto | null }) {
  const { order, error, missing, refetch, connected } = useOrder<OrderDto>(id, `/api/orders/${encodeURIComponent(id)}`, initial);
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

  return (
    <>
      <OrderHeader
        order={order}
        backHref="/orders"
        backLabel="Orders"
        connected={connected}
        actions={
          <>
            <Link href={`/orders/${encodeURIComponent(order.id)}/reorder`} className={btn.secondary} data-testid="order-again">
              Order again
            </Link>
            {isOrderCancelable(order.status) ? <CancelOrderButton orderId={order.id} onDone={() => void refetch()} notify={notify} /> : null}
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
        {stillPlacing(order) ? (
          <Alert tone="info" testId="still-placing">
            {STILL_PLACING}
          </Alert>
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_320px]">
          <div className="space-y-4">
            <OrderLines order={order} />
            <SupplierOrders order={order} />
          </div>
          <OrderAddress order={order} />
        </div>
        <OrderTimeline order={order} />
      </div>
    </>
  );
}
