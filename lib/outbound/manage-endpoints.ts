import "server-only";
import { z } from "zod";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { decryptSecret, encryptSecret } from "../crypto/credentials";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { OUTBOUND_EVENTS } from "./events";
import { refuseUrl } from "./ssrf";
import { newWebhookSecret } from "./sign";

export const MAX_ENDPOINTS = 10;

export const createEndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: "Use an http(s) URL" }).max(2000),
  events: z
    .array(z.enum(OUTBOUND_EVENTS))
    .min(1, "Choose at least one event")
    .transform((e) => [...new Set(e)]),
  description: z.string().trim().max(200).optional(),
});
export const updateEndpointSchema = z
  .strictObject({
    url: createEndpointSchema.shape.url.optional(),
    events: createEndpointSchema.shape.events.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    /** false disables deliveries; true enables them again (and forgets the failing streak). */
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send a field to change", path: ["body"] });
/** The previous secret keeps signing for this long after a rotation (default 24 h, at most 7 days). */
export const rotateSecretSchema = z.strictObject({
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .default(86400),
});

const VIEW = {
  id: true,
  url: true,
  description: true,
  events: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  previousSecretUntil: true,
  createdAt: true,
  updatedAt: true,
} as const;
type Row = { disabledAt: Date | null } & Record<string, unknown>;
const view = <T extends Row>(e: T) => ({ ...e, status: e.disabledAt ? ("disabled" as const) : ("enabled" as const) });
const endpointAudit = (e: { url: string; events: string[]; description: string | null; disabledAt: Date | null }) => ({
  url: e.url,
  events: e.events,
  description: e.description,
  enabled: !e.disabledAt,
});

async function assertUrl(url: string) {
  const why = await refuseUrl(url);
  if (why) throw new AppError("validation_failed", `This URL cannot receive webhooks: ${why}`, { fields: { url: why } });
}

async function ownEndpoint(principal: Principal, id: string) {
  const e = await db.webhookEndpoint.findFirst({
    where: { id, companyId: principal.companyId ?? "__none__" },
    select: { id: true, secret: true, previousSecret: true, previousSecretUntil: true },
  });
  if (!e) throw new AppError("not_found", "No webhook endpoint with this id");
  return e;
}

export async function listEndpoints(principal: Principal) {
  requirePermission(principal, "webhooks:manage");
  const rows = await db.webhookEndpoint.findMany({ where: { companyId: principal.companyId! }, orderBy: { createdAt: "asc" }, select: VIEW });
  return { data: rows.map(view) };
}

export async function getEndpoint(principal: Principal, id: string) {
  requirePermission(principal, "webhooks:manage");
  await ownEndpoint(principal, id);
  return view(await db.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: VIEW }));
}

/** A new endpoint and its signing secret (in this answer and from GET …/secret). */
export async function createEndpoint(principal: Principal, raw: unknown) {
  requirePermission(principal, "webhooks:manage");
  const input = createEndpointSchema.parse(raw);
  await assertUrl(input.url);
  const companyId = principal.companyId!;
  if ((await db.webhookEndpoint.count({ where: { companyId } })) >= MAX_ENDPOINTS)
    throw new AppError("conflict", `At most ${MAX_ENDPOINTS} endpoints per company`);
  const secret = newWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        companyId,
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        secret: encryptSecret(secret),
        createdById: principal.userId,
      },
      select: VIEW,
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_endpoint.created",
      entityType: "webhook_endpoint",
      entityId: created.id,
      companyId,
      after: endpointAudit(created),
    });
    return created;
  }, TX_OPTIONS);
  return { ...view(row), secret };
}

export async function updateEndpoint(principal: Principal, id: string, raw: unknown) {
  requirePermission(principal, "webhooks:manage");
  const input = updateEndpointSchema.parse(raw);
  await ownEndpoint(principal, id);
  if (input.url) await assertUrl(input.url);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: VIEW });
    const after = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled === true ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(input.enabled === false ? { disabledAt: new Date(), disabledReason: "disabled by the company" } : {}),
      },
      select: VIEW,
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_endpoint.updated",
      entityType: "webhook_endpoint",
      entityId: id,
      companyId: principal.companyId,
      before: endpointAudit(before),
      after: endpointAudit(after),
    });
    return after;
  }, TX_OPTIONS);
  return view(row);
}

export async function deleteEndpoint(principal: Principal, id: string) {
  requirePermission(principal, "webhooks:manage");
  await ownEndpoint(principal, id);
  await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.delete({ where: { id }, select: VIEW });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_endpoint.deleted",
      entityType: "webhook_endpoint",
      entityId: id,
      companyId: principal.companyId,
      before: endpointAudit(before),
    });
  }, TX_OPTIONS);
  return { id, deleted: true };
}

/** The current signing secret (and the previous one while it still signs). */
export async function revealSecret(principal: Principal, id: string) {
  requirePermission(principal, "webhooks:manage");
  const e = await ownEndpoint(principal, id);
  const previousValid = e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > new Date();
  return {
    secret: decryptSecret(e.secret),
    previousSecret: previousValid ? decryptSecret(e.previousSecret!) : null,
    previousSecretUntil: previousValid ? e.previousSecretUntil : null,
  };
}

/** A new secret; the current one becomes the previous and keeps signing for the overlap. */
export async function rotateSecret(principal: Principal, id: string, raw: unknown) {
  requirePermission(principal, "webhooks:manage");
  const { overlapSeconds } = rotateSecretSchema.parse(raw ?? {});
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    const [e] = await tx.$queryRaw<
      { secret: string }[]
    >`SELECT "secret" FROM "WebhookEndpoint" WHERE "id" = ${id} AND "companyId" = ${principal.companyId ?? "__none__"} FOR UPDATE`;
    if (!e) throw new AppError("not_found", "No webhook endpoint with this id");
    await tx.webhookEndpoint.update({
      where: { id },
      data: { secret: encryptSecret(secret), previousSecret: e.secret, previousSecretUntil: new Date(Date.now() + overlapSeconds * 1000) },
    });
    // That it was rotated, never the value.
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_endpoint.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: id,
      companyId: principal.companyId,
      after: { previousValidForSeconds: overlapSeconds },
    });
  }, TX_OPTIONS);
  return { secret, ...(await getEndpoint(principal, id)) };
}

/** The endpoint's delivery log, newest first: each event with its attempts (status, latency, the start of the answer). */
export async function listDeliveries(principal: Principal, id: string) {
  requirePermission(principal, "webhooks:manage");
  await ownEndpoint(principal, id);
  const rows = await db.webhookMessage.findMany({
    where: { endpointId: id },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      eventType: true,
      orderId: true,
      sequence: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastError: true,
      createdAt: true,
      deliveredAt: true,
      attemptLog: { orderBy: { attempt: "asc" }, select: { attempt: true, at: true, statusCode: true, latencyMs: true, responseExcerpt: true, error: true } },
    },
  });
  return { data: rows.map(({ sequence, attemptLog, ...m }) => ({ ...m, sequence: Number(sequence), attemptLog })) };
}

export const recoverSchema = z.strictObject({ since: z.iso.datetime({ message: "An ISO 8601 time, e.g. 2026-12-01T00:00:00Z" }) });

/**
 * Send one delivery again (any status): due at once with a fresh retry schedule, the same body and
 * the same webhook-id (a receiver that already has it recognises it). Its attempt log goes on.
 */
export async function resendDelivery(principal: Principal, endpointId: string, messageId: string) {
  requirePermission(principal, "webhooks:manage");
  await ownEndpoint(principal, endpointId);
  await db.$transaction(async (tx) => {
    const [before] = await tx.webhookMessage.findMany({ where: { id: messageId, endpointId }, select: { status: true, attempts: true, eventType: true } });
    const r = await tx.webhookMessage.updateMany({
      where: { id: messageId, endpointId },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    if (r.count === 0 || !before) throw new AppError("not_found", "No delivery with this id for this endpoint");
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_delivery.resent",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      companyId: principal.companyId,
      before: { messageId, status: before.status, attempts: before.attempts, eventType: before.eventType },
      after: { messageId, status: "pending", attempts: 0, eventType: before.eventType },
    });
  }, TX_OPTIONS);
  return { id: messageId, status: "pending" as const };
}

/** Every failed delivery of the endpoint created since then, sent again (as resendDelivery). */
export async function recoverDeliveries(principal: Principal, endpointId: string, raw: unknown) {
  requirePermission(principal, "webhooks:manage");
  const { since } = recoverSchema.parse(raw);
  await ownEndpoint(principal, endpointId);
  const r = await db.$transaction(async (tx) => {
    const done = await tx.webhookMessage.updateMany({
      where: { endpointId, status: "failed", createdAt: { gte: new Date(since) } },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook_delivery.recovered",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      companyId: principal.companyId,
      after: { since, requeued: done.count },
    });
    return done;
  }, TX_OPTIONS);
  return { requeued: r.count, since };
}
