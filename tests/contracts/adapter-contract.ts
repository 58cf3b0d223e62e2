import { describe, expect, it } from "vitest";
import type { CapturedRequest } from "../../dev/simulators/kit/setup-simulator-msw";
import { SUPPLIER_ORDER_STATUSES, transition } from "../../lib/orders/status-model";
import type { SupplierKindModule } from "../../lib/suppliers/kind-definition";
import { supplierOrderReference } from "../../lib/suppliers/registry";
import {
  SupplierError,
  type CreateSupplierOrderInput,
  type SupplierAdapter,
  type SupplierConfig,
  type SupplierOrderRef,
  type WebhookRequest,
} from "../../lib/suppliers/types";

/**
 * The contract every supplier adapter keeps, run against the kind's simulator
 * (dev/simulators/<kind>, through msw). What applies is read from the kind's
 * capabilities, so a new kind gets the whole suite from one
 * lib/suppliers/<kind>/contract.test.ts that says how to reach its simulator.
 */
export type AdapterContractSetup = {
  /** The config the adapter is built with; its credentials must be what the admin accepts. */
  config: SupplierConfig;
  /** A fresh adapter against the simulator, with test-only options (in-memory token stores); `config` overrides parts. */
  adapter(config?: Partial<SupplierConfig>): SupplierAdapter;
  /** Lines the simulator's catalog fills (shipped to the US address below). */
  lines: CreateSupplierOrderInput["items"];
  /** A line the supplier does not know: refused for good. */
  unknownLine: CreateSupplierOrderInput["items"][number];
  /** Credentials the supplier refuses. */
  wrongCredentials: Record<string, string>;
  /** What the adapter sent (setupSimulatorMsw). */
  captured: CapturedRequest[];
  sim: {
    /** Orders the simulator created under this order's idempotency key (by the kind's own key: Idempotency-Key, orderNumber, reference). */
    created(order: CreateSupplierOrderInput): number;
    /** Every order the simulator holds. */
    held(): number;
    /** Moves the order one lifecycle step, as the supplier would. */
    advance(order: CreateSupplierOrderInput): void;
    /** Knobs: creates answer 5xx before anything is created. */
    failBeforeCreate(): void;
    /** Knobs: creates create the order, then answer 5xx. */
    failAfterCreate(): void;
    /** Knobs: every answer comes later than the adapter's timeout. */
    answerLate(): void;
    /** Makes the next calls of `adapter` rate limited (the supplier's 429 or its equivalent). */
    rateLimit(adapter: SupplierAdapter): Promise<void>;
    /** Knobs back to no failures (the state stays). */
    healthy(): void;
  };
  /** How many items a full inventory read returns (the setup keeps pages small so that several are read). */
  inventoryItems: number;
  /** The simulator's signed webhook deliveries so far, as the receiver would get them (kinds with webhooks). */
  webhooks?: { delivered(): Promise<WebhookRequest[]> };
};

const ADDRESS: CreateSupplierOrderInput["shippingAddress"] = {
  name: "Contract Receiving",
  company: "Contract Mobile",
  line1: "1200 Commerce Blvd",
  line2: "Dock 4",
  city: "Miami",
  region: "FL",
  postalCode: "33166",
  country: "US",
  phone: "+13055550100",
};

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

export function describeAdapterContract(kind: SupplierKindModule, setup: AdapterContractSetup) {
  const caps = kind.capabilities;
  let seq = 0;
  /** A supplier order as the portal would send it: the idempotency key is our supplier-order id, the reference by the kind's rule. */
  const order = (items = setup.lines): CreateSupplierOrderInput => {
    const n = ++seq;
    const supplierOrderId = `so_contract_${String(n).padStart(4, "0")}`;
    return {
      idempotencyKey: supplierOrderId,
      reference: supplierOrderReference(kind.id, { orderNumber: `PXSTKL${String(9_000_000 + n).padStart(7, "0")}`, supplierOrderId }),
      customerId: "contract-reseller-1",
      items,
      shippingAddress: ADDRESS,
      metadata: { reference: `PO-C${n}` },
    };
  };
  const refOf = (o: CreateSupplierOrderInput, supplierOrderId: string | null): SupplierOrderRef => ({ reference: o.reference, supplierOrderId });
  async function placed(a: SupplierAdapter) {
    const o = order();
    const created = await a.createOrder(o);
    return { o, created, ref: refOf(o, created.supplierOrderId) };
  }

  describe(`${kind.label} (${kind.id}): adapter contract`, () => {
    it("builds this kind's adapter from the registry's factory, with credentials the admin accepts", () => {
      expect(kind.credentials.schema.safeParse(setup.config.credentials).success).toBe(true);
      expect(kind.createAdapter(setup.config).kind).toBe(kind.id);
      expect(setup.adapter().kind).toBe(kind.id);
    });

    describe("createOrder is idempotent", () => {
      it("the same idempotency key twice is one supplier order", async () => {
        const a = setup.adapter();
        const o = order();
        const first = await a.createOrder(o);
        const again = await a.createOrder(o);
        expect(again.supplierOrderId).toBe(first.supplierOrderId);
        expect(again.externalId).toBe(first.externalId);
        expect(setup.sim.created(o)).toBe(1);
        expect(setup.sim.held()).toBe(1);
      });

      it("a create the supplier completed but answered 5xx is transient, and the retry finds that one order", async () => {
        const a = setup.adapter();
        const o = order();
        setup.sim.failAfterCreate();
        expect(await failure(a.createOrder(o))).toMatchObject({ kind: "transient" });
        setup.sim.healthy();
        const retry = await a.createOrder(o);
        expect(SUPPLIER_ORDER_STATUSES).toContain(retry.status);
        expect(setup.sim.created(o)).toBe(1);
        expect(setup.sim.held()).toBe(1);
      });
    });

    it("getOrder reads the order back by the reference the kind's rule mints, and follows it forward", async () => {
      const a = setup.adapter();
      const { o, created, ref } = await placed(a);
      const first = await a.getOrder(ref);
      expect(first.reference).toBe(o.reference);
      expect(first.status).toBe(created.status);
      setup.sim.advance(o);
      const next = await a.getOrder({ ...ref, supplierOrderId: first.supplierOrderId ?? ref.supplierOrderId });
      expect(next.reference).toBe(o.reference);
      expect(transition(first.status, next.status)).toMatchObject({ apply: true });
    });

    if (caps.cancel) {
      it("cancelOrder cancels an open order: it reads back canceled", async () => {
        const a = setup.adapter();
        const { o, ref } = await placed(a);
        const res = await a.cancelOrder(ref);
        expect(["cancel_requested", "canceled"]).toContain(res.status);
        if (res.status === "cancel_requested") setup.sim.advance(o);
        expect((await a.getOrder(ref)).status).toBe("canceled");
      });

      it("cancelOrder after shipment is refused permanently", async () => {
        const a = setup.adapter();
        const { o, ref } = await placed(a);
        let snap = await a.getOrder(ref);
        for (let i = 0; i < 8 && snap.status !== "shipped"; i++) {
          setup.sim.advance(o);
          snap = await a.getOrder({ ...ref, supplierOrderId: snap.supplierOrderId ?? ref.supplierOrderId });
        }
        expect(snap.status).toBe("shipped");
        expect(await failure(a.cancelOrder(ref))).toMatchObject({ kind: "permanent" });
        expect((await a.getOrder(ref)).status).toBe("shipped");
      });
    } else {
      it("cancelOrder is refused at once, permanent not_cancelable, without a request (the kind has no cancel)", async () => {
        const a = setup.adapter();
        const { ref } = await placed(a);
        const before = setup.captured.length;
        expect(await failure(a.cancelOrder(ref))).toMatchObject({ kind: "permanent", details: { code: "not_cancelable" } });
        expect(setup.captured.length).toBe(before);
        expect((await a.getOrder(ref)).status).not.toBe("canceled");
      });
    }

    if (caps.inventoryFeed) {
      it("fetchInventory pages until nextCursor is null, every item well-formed and none twice", async () => {
        const a = setup.adapter();
        const items = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await a.fetchInventory(cursor);
          items.push(...page.items);
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null && pages < 100);
        expect(cursor).toBeNull();
        expect(pages).toBeGreaterThan(1);
        expect(items).toHaveLength(setup.inventoryItems);
        expect(new Set(items.map((i) => i.supplierSku)).size).toBe(items.length);
        for (const i of items) {
          expect(i).toMatchObject({
            supplierSku: expect.stringMatching(/\S/),
            sku: expect.stringMatching(/\S/),
            unitPrice: expect.stringMatching(/^\d+\.\d{2}$/),
            currency: expect.stringMatching(/^[A-Z]{3}$/),
          });
          expect(Number.isInteger(i.quantity) && i.quantity >= 0).toBe(true);
        }
      });
    } else {
      it("fetchInventory is refused permanently (the kind has no inventory feed)", async () => {
        expect(await failure(setup.adapter().fetchInventory(null))).toMatchObject({ kind: "permanent" });
      });
    }

    if (caps.orderStatus === "webhooks") {
      describe("webhooks", () => {
        async function orderDelivery(a: SupplierAdapter) {
          const { o } = await placed(a);
          setup.sim.advance(o);
          const all = (await setup.webhooks!.delivered()).filter((d) => {
            const v = a.verifyWebhook(d);
            if (!v.ok) return false;
            try {
              const e = a.parseWebhook(d.rawBody, v.eventId);
              return e.kind === "order" && e.reference === o.reference;
            } catch {
              return false;
            }
          });
          expect(all.length).toBeGreaterThan(0);
          return { o, delivery: all.at(-1)! };
        }

        it("the simulator's signed delivery verifies and parses to our order (confirmed by a read-back where the kind does that)", async () => {
          expect(setup.webhooks).toBeDefined();
          const a = setup.adapter();
          const { o, delivery } = await orderDelivery(a);
          const v = a.verifyWebhook(delivery);
          expect(v).toMatchObject({ ok: true, eventId: expect.stringMatching(/\S/) });
          const event = a.parseWebhook(delivery.rawBody, (v as { eventId: string }).eventId);
          expect(event).toMatchObject({ kind: "order", reference: o.reference, eventId: (v as { eventId: string }).eventId });
          if (event.kind === "order") expect(SUPPLIER_ORDER_STATUSES).toContain(event.status);
          if (a.confirmEvent) {
            const confirmed = await a.confirmEvent(event);
            expect(confirmed).toMatchObject({ kind: "order", reference: o.reference });
            if (confirmed.kind === "order") expect(confirmed.status).toBe((await a.getOrder(refOf(o, confirmed.supplierOrderId))).status);
          }
          // Kept headers are lower case, as Headers yields them (receive-webhook.ts matches on them).
          for (const h of kind.webhook?.keepHeaders ?? []) expect(delivery.headers.has(h)).toBe(true);
        });

        it("a changed body does not verify (401), nor does a delivery without its signature headers", async () => {
          const a = setup.adapter();
          const { delivery } = await orderDelivery(a);
          const changed = Buffer.concat([delivery.rawBody, Buffer.from(" ")]);
          expect(a.verifyWebhook({ ...delivery, rawBody: changed })).toMatchObject({ ok: false, status: 401 });
          const bare = new Headers({ "content-type": "application/json" });
          const v = a.verifyWebhook({ headers: bare, rawBody: delivery.rawBody });
          expect(v.ok).toBe(false);
          if (!v.ok) expect([400, 401]).toContain(v.status);
        });
      });
    } else {
      it("has no webhooks: verification answers 400, parsing is permanent unsupported, and open orders are polled at the poll rate", () => {
        const a = setup.adapter();
        const req: WebhookRequest = { headers: new Headers({ "content-type": "application/json" }), rawBody: Buffer.from("{}") };
        expect(a.verifyWebhook(req)).toMatchObject({ ok: false, status: 400 });
        expect(() => a.parseWebhook(Buffer.from("{}"), "e1")).toThrow(
          expect.objectContaining({ kind: "permanent", details: expect.objectContaining({ code: "unsupported" }) }),
        );
        expect(kind.webhook).toBeNull();
        expect(kind.poll.open).toBe("poll");
      });
    }

    describe("errors", () => {
      it("a 5xx before anything was created is transient, and nothing is created", async () => {
        const a = setup.adapter();
        setup.sim.failBeforeCreate();
        const err = await failure(a.createOrder(order()));
        expect(err.kind).toBe("transient");
        expect(err.details.status).toBeGreaterThanOrEqual(500);
        expect(setup.sim.held()).toBe(0);
      });

      it("an answer later than the timeout is transient (timeout)", async () => {
        const a = setup.adapter();
        setup.sim.answerLate();
        expect(await failure(a.createOrder(order()))).toMatchObject({ kind: "transient", details: { code: "timeout" } });
      });

      it("an order the supplier refuses (an item it does not know) is permanent, and nothing is created", async () => {
        const a = setup.adapter();
        const err = await failure(a.createOrder(order([setup.unknownLine])));
        expect(err.kind).toBe("permanent");
        expect(setup.sim.held()).toBe(0);
      });

      it("credentials the supplier refuses are permanent", async () => {
        const a = setup.adapter({ credentials: setup.wrongCredentials });
        expect(await failure(a.createOrder(order()))).toMatchObject({ kind: "permanent" });
        expect(setup.sim.held()).toBe(0);
      });

      it("rate limited is transient rate_limited, with how long to wait", async () => {
        const a = setup.adapter();
        await setup.sim.rateLimit(a);
        const err = await failure(a.createOrder(order()));
        expect(err).toMatchObject({ kind: "transient", details: { code: "rate_limited" } });
        expect(err.details.retryAfterMs).toBeGreaterThan(0);
      });
    });
  });
}
