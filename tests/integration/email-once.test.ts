// Email once: an email is claimed in Postgres before SMTP and marked
// sent in the one statement after the server accepts it. A worker killed in
// between leaves a state the next attempt recognises: the only duplicate
// possible is a message accepted in that window, and it keeps its Message-ID.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { exited, spawnWorker } from "../helpers/spawn-worker";

let child: ChildProcess | null = null;
let workers: RunningWorkers | null = null;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  harness().phonex.sim.configure({ autoAdvance: false });
});
afterEach(async () => {
  child?.kill("SIGKILL");
  child = null;
  await workers?.close();
  workers = null;
});

/** Place an order (two recipients: the buyer and the company's purchasing contact) with a worker that dies at `failpoint`. */
async function placeWithDyingWorker(failpoint: string) {
  child = spawnWorker({ FAILPOINTS: failpoint, WORKER_CONCURRENCY: "1" });
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  await exited(child);
  child = null;
  const notes = await db.notification.findMany({ where: { orderId: res.body.id }, orderBy: { email: "asc" } });
  expect(notes).toHaveLength(2);
  return { orderId: res.body.id as string, notes };
}

async function allSent(orderId: string) {
  await waitFor(async () => (await db.notification.count({ where: { orderId, status: { not: "sent" } } })) === 0, { what: "emails sent", timeoutMs: 30_000 });
  const notes = await db.notification.findMany({ where: { orderId } });
  // The statement that marks an email sent also finishes its job's outbox row, and keeps the HTML that went out.
  const jobs = await db.outboxMessage.findMany({ where: { subject: { in: notes.map((n) => `email:${n.id}`) } } });
  expect(jobs.length).toBeGreaterThanOrEqual(notes.length);
  for (const j of jobs) expect(j).toMatchObject({ status: "done", claimedUntil: null, completedAt: expect.any(Date) });
  for (const n of notes) expect(n.html).toMatch(/<html/i);
  return notes;
}

const copies = (messageId: string | null) =>
  harness()
    .mail.messages()
    .filter((m) => m.messageId === messageId);

describe("a worker killed while sending an email", () => {
  it("between the server's acceptance and the sent mark: sent again with the same Message-ID, and nothing else twice", async () => {
    const { orderId } = await placeWithDyingWorker("email.after-accept");
    // The dead worker's message reached the server; its row still says "sending".
    expect(harness().mail.messages()).toHaveLength(1);
    const cut = await db.notification.findFirstOrThrow({ where: { orderId, status: "sending" } });
    const firstCopy = harness().mail.messages()[0]!;
    expect(firstCopy.headers["x-portal-notification-id"]).toBe(cut.id);

    workers = startWorkers({ concurrency: 2 });
    const notes = await allSent(orderId);
    const resent = notes.find((n) => n.id === cut.id)!;
    // Recognised as interrupted, and the duplicate is the same message (same Message-ID).
    expect(resent.interrupted).toBe(1);
    expect(copies(resent.messageId)).toHaveLength(2);
    expect(copies(resent.messageId)[0]!.messageId).toBe(firstCopy.messageId);
    const other = notes.find((n) => n.id !== cut.id)!;
    expect(other.interrupted).toBe(0);
    expect(copies(other.messageId)).toHaveLength(1);
    expect(harness().mail.messages()).toHaveLength(3);
    // One timeline entry per email, whatever happened.
    expect(await db.orderEvent.count({ where: { orderId, type: "email_sent" } })).toBe(2);
  });

  it("between the claim and SMTP: the claim expires, the email is sent once, none missing", async () => {
    const { orderId } = await placeWithDyingWorker("email.after-claim");
    expect(harness().mail.messages()).toHaveLength(0);
    const claimed = await db.notification.findFirstOrThrow({ where: { orderId, status: "sending" } });

    workers = startWorkers({ concurrency: 2 });
    const notes = await allSent(orderId);
    expect(notes.find((n) => n.id === claimed.id)!.interrupted).toBe(1);
    for (const n of notes) expect(copies(n.messageId)).toHaveLength(1);
    expect(harness().mail.messages()).toHaveLength(2);
  });

  it("a claim held by a live sender is not taken over: a second delivery of the job waits, and the email goes once", async () => {
    const { mail } = harness();
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[1], quantity: 1 }], shippingAddress: address },
    });
    const [n] = await db.notification.findMany({ where: { orderId: res.body.id }, take: 1 });
    const { deliverNotification } = await import("../../lib/notifications/deliver-notification");
    // Two deliveries of the same notification at once (a stalled job re-run beside the original).
    const [a, b] = await Promise.all([deliverNotification(n!.id, { final: false }), deliverNotification(n!.id, { final: false })]);
    expect([a.result, b.result].sort()).toEqual(["busy", "sent"].sort());
    expect(mail.messages().filter((m) => m.headers["x-portal-notification-id"] === n!.id)).toHaveLength(1);
  });
});
