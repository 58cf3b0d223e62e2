// GET /api/events: Server-Sent Events fanned out through Redis, scoped to the
// caller's company, resumable with Last-Event-ID.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { Redis } from "ioredis";
import { EVENTS_STREAM } from "../../lib/events/publish";
import { seedApiKey, seedCompany, seedUser } from "../../prisma/factories";
import { API_KEY, address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { openSse } from "../helpers/sse";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const place = () =>
  api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });

it("requires authentication", async () => {
  const res = await fetch(`${harness().app.url}/api/events`);
  expect(res.status).toBe(401);
});

it("pushes order.updated to the owning company only", async () => {
  const other = await seedCompany({ name: "Other", customerId: "other-sse" });
  const u = await seedUser({ email: "sse@other.test", companyId: other.id });
  const { key: otherKey } = await seedApiKey({ companyId: other.id, userId: u.id });
  const mine = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${API_KEY}` });
  const theirs = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${otherKey}` });
  await Promise.all([mine.ready, theirs.ready]);
  expect(mine.status).toBe(200);
  await new Promise((r) => setTimeout(r, 200));

  const order = await place();
  await waitFor(async () => mine.events.some((e) => JSON.parse(e.data).orderId === order.body.id), { what: "my event" });
  const e = mine.events.find((x) => JSON.parse(x.data).orderId === order.body.id)!;
  expect(e.event).toBe("order.updated");
  expect(JSON.parse(e.data)).toMatchObject({ type: "order.updated", number: order.body.number, status: "pending" });
  await new Promise((r) => setTimeout(r, 300));
  expect(theirs.events).toHaveLength(0);
  mine.close();
  theirs.close();
});

it("delivers events published by another instance and resumes from Last-Event-ID", async () => {
  // Another app instance (or the worker) is just another Redis client.
  const elsewhere = new Redis(process.env.REDIS_URL!);
  const publish = (n: number) =>
    elsewhere.xadd(
      EVENTS_STREAM,
      "*",
      "type",
      "order.updated",
      "data",
      JSON.stringify({
        type: "order.updated",
        orderId: `o-${n}`,
        number: `N${n}`,
        status: "shipped",
        companyId: world.company.id,
        updatedAt: new Date().toISOString(),
      }),
    );
  const first = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${API_KEY}` });
  await first.ready;
  await new Promise((r) => setTimeout(r, 200));
  await publish(1);
  await waitFor(async () => first.events.length === 1, { what: "first event" });
  const lastId = first.events[0]!.id!;
  first.close();

  await publish(2);
  await publish(3);
  const resumed = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${API_KEY}`, "last-event-id": lastId });
  await resumed.ready;
  await waitFor(async () => resumed.events.length >= 2, { what: "missed events" });
  expect(resumed.events.map((e) => JSON.parse(e.data).orderId)).toEqual(["o-2", "o-3"]);
  await publish(4);
  await waitFor(async () => resumed.events.length === 3, { what: "live after resume" });
  resumed.close();
  elsewhere.disconnect();
});
