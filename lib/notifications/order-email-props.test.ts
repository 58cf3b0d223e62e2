import { describe, expect, it } from "vitest";
import { orderEmailProps, type OrderForEmail } from "./order-email-props";

const order: OrderForEmail = {
  id: "o1",
  number: "PXSTKL0000001",
  status: "shipped",
  reference: null,
  currency: "USD",
  subtotal: "100.00",
  shippingAddress: {},
  createdAt: new Date(),
  user: { email: "b@x.test", name: "B" },
  company: { name: "C" },
  items: [{ sku: "S", name: "N", quantity: 1, unitPrice: "100.00", lineTotal: "100.00", supplierOrderId: "so1" }],
  supplierOrders: [
    {
      id: "so1",
      status: "shipped",
      trackingNumber: "CJPKL1",
      carrier: "CJPacket",
      trackingUrl: "https://cjpacket.com/t/CJPKL1",
      lastError: null,
      supplier: { name: "CJ" },
    },
  ],
};
const x = { appUrl: "http://app" };

describe("reseller emails give no sourcing away", () => {
  it("a supplier's own shipping line and link become neutral; the tracking number stays", () => {
    const p = orderEmailProps("order_shipped", order, { ...x, shipmentOf: "so1" }) as {
      shipments: { carrier: string; trackingUrl: string | null; trackingNumber: string }[];
    };
    expect(p.shipments[0]).toMatchObject({ carrier: "Standard shipping", trackingUrl: null, trackingNumber: "CJPKL1" });
    const ups = { ...order, supplierOrders: [{ ...order.supplierOrders[0]!, carrier: "UPS", trackingUrl: "https://ups.com/t/1" }] };
    expect((orderEmailProps("order_shipped", ups, { ...x, shipmentOf: "so1" }) as { shipments: { carrier: string }[] }).shipments[0]).toMatchObject({
      carrier: "UPS",
    });
  });

  it("a supplier's rejection reason is passed on unless it names the supplier", () => {
    const reasonOf = (reason: string) => (orderEmailProps("order_rejected", order, { ...x, by: "webhook:phonex", reason }) as { reason: string }).reason;
    expect(reasonOf("Insufficient stock for IPHONE12-64GB-A")).toBe("Insufficient stock for IPHONE12-64GB-A");
    expect(reasonOf("WesellCellular: item discontinued")).toBe("The supplier could not fill this order");
  });
});
