import { z } from "zod";
import { errorStatus } from "../errors";

/**
 * What the public API answers, as zod schemas: the OpenAPI document is generated from them (with
 * the request schemas the handlers parse with), and tests/integration/openapi.test.ts parses
 * real answers with them, strictly, so a field added or renamed in a serializer fails there
 * instead of drifting from the document. The reseller's view: no sourcing.
 */
const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: "Decimal string with two places", example: "231.00" });
const timestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC", example: "2026-12-01T10:15:00.000Z" });
const orderStatus = z.enum(["pending", "submitted", "accepted", "processing", "partially_shipped", "shipped", "delivered", "rejected", "canceled", "failed"]);
const partStatus = z.enum(["pending", "submitted", "accepted", "processing", "shipped", "delivered", "rejected", "canceled", "failed"]);

export const errorBody = z
  .strictObject({
    error: z.looseObject({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "Path of each wrong field → what is wrong with it" }),
    }),
  })
  .meta({
    id: "Error",
    description: "Every error, on every route",
    example: { error: { code: "validation_failed", message: "Request is invalid", fields: { "items.0.quantity": "At least 1" } } },
  });

export const productView = z
  .strictObject({
    sku: z.string(),
    name: z.string(),
    brand: z.string(),
    model: z.string(),
    storage: z.string(),
    color: z.string(),
    grade: z.string(),
    price: money.meta({ description: "The caller's price, after its company's markup" }),
    stock: z.number().int().meta({ description: "What can be ordered now" }),
    active: z.boolean(),
  })
  .meta({ id: "Product" });

export const productsPage = z.strictObject({ data: z.array(productView), nextCursor: z.string().nullable() }).meta({ id: "ProductsPage" });

const orderItem = z.strictObject({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPrice: money, lineTotal: money });
const parcel = z
  .strictObject({
    supplier: z.null().meta({ description: "Always null for resellers" }),
    supplierOrderId: z.null().meta({ description: "Always null for resellers" }),
    shipment: z.number().int().min(1),
    status: partStatus,
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: "Parcel", description: "A part of the order as it ships" });
const timelineEntry = z.strictObject({
  at: timestamp,
  type: z.string(),
  status: z.union([partStatus, orderStatus]).nullable(),
  orderStatus: orderStatus.nullable(),
  supplier: z.null(),
  source: z.string().meta({ description: "api, web, supplier, portal or ops" }),
  message: z.string().nullable(),
});

/** The shipping address as stored (addressSchema's output: optional parts null). */
const storedAddress = z
  .strictObject({
    name: z.string(),
    company: z.string().nullable(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string(),
    country: z.string().length(2),
    phone: z.string().nullable(),
  })
  .meta({ id: "ShippingAddress" });

export const orderView = z
  .strictObject({
    id: z.string(),
    number: z.string(),
    status: orderStatus,
    reference: z.string().nullable().meta({ description: "Your PO number" }),
    notes: z.string().nullable(),
    currency: z.string().length(3),
    subtotal: money,
    items: z.array(orderItem),
    shippingAddress: storedAddress,
    supplierOrders: z.array(parcel),
    timeline: z.array(timelineEntry),
    company: z.strictObject({ name: z.string(), customerId: z.string() }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Order" });

export const ordersPage = z.strictObject({ data: z.array(orderView), nextCursor: z.string().nullable() }).meta({ id: "OrdersPage" });

export const batchResult = z
  .strictObject({
    data: z.array(
      z.union([
        z.strictObject({ index: z.number().int(), status: z.literal(201), order: orderView }),
        z.strictObject({ index: z.number().int(), status: z.number().int(), error: errorBody.shape.error }),
      ]),
    ),
    created: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: "BatchResult" });

const role = z.enum(["owner", "buyer", "viewer"]);
export const accountView = z.strictObject({
  user: z.strictObject({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }),
  company: z.strictObject({ id: z.string(), name: z.string(), tier: z.string() }).nullable(),
  via: z.enum(["session", "api_key"]),
  permissions: z.array(z.string()),
});

const companyUser = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: role.nullable(),
  active: z.boolean(),
  deactivatedAt: timestamp.nullable(),
  createdAt: timestamp,
});
const invitation = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: role.nullable(),
  expiresAt: timestamp,
  createdAt: timestamp,
  status: z.literal("pending"),
});
export const companyUsers = z.strictObject({ users: z.array(companyUser), invitations: z.array(invitation) });
export const companyUserView = companyUser;
export const invitationView = invitation;

export const apiKeyView = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ example: "pk_live_Xk2r" }),
    scopes: z.array(z.string()),
    mode: z.enum(["live", "test"]),
    status: z.enum(["active", "expiring", "revoked"]),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    expiresAt: timestamp.nullable().meta({ description: "A rolled key works until then" }),
    rolledFromId: z.string().nullable(),
    createdBy: z.strictObject({ name: z.string(), email: z.string() }),
  })
  .meta({ id: "ApiKey" });
export const apiKeysPage = z.strictObject({ data: z.array(apiKeyView) });
export const createdApiKey = apiKeyView.extend({ key: z.string().meta({ description: "Shown this once", example: "pk_live_…" }) });
export const rolledApiKey = createdApiKey.extend({ replaced: apiKeyView });

export const companyAddress = z
  .strictObject({ id: z.string(), label: z.string(), address: storedAddress, isDefault: z.boolean(), createdAt: timestamp, updatedAt: timestamp })
  .meta({ id: "CompanyAddress" });
export const companySettings = z.strictObject({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  contactEmails: z.array(z.string()).meta({ description: "Owners only; empty for buyers" }),
  addresses: z.array(companyAddress),
});

export const webhookEndpoint = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    status: z.enum(["enabled", "disabled"]),
    disabledAt: timestamp.nullable(),
    disabledReason: z.string().nullable(),
    failingSince: timestamp.nullable(),
    previousSecretUntil: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });
export const webhookDelivery = z.strictObject({
  id: z.string(),
  eventType: z.string(),
  orderId: z.string().nullable(),
  sequence: z.number().int(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: timestamp,
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
  attemptLog: z.array(
    z.strictObject({
      attempt: z.number().int(),
      at: timestamp,
      statusCode: z.number().int().nullable(),
      latencyMs: z.number().int(),
      responseExcerpt: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
/** The body of an outbound order event (Standard Webhooks: type, timestamp, data). */
export const orderWebhookEvent = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    timestamp,
    data: z.strictObject({
      sequence: z.number().int().meta({ description: "Grows with every event; within one order a later event has a larger one" }),
      orderId: z.string(),
      number: z.string(),
      reference: z.string().nullable().meta({ description: "Your PO number" }),
      status: orderStatus,
      order: orderView,
    }),
  });

const offerStatus = z.enum(["open", "countered", "accepted", "declined", "expired", "withdrawn", "ordered"]);
export const offerView = z
  .strictObject({
    id: z.string(),
    number: z.string().meta({ example: "OF0001000" }),
    status: offerStatus,
    awaiting: z.enum(["ops", "buyer"]).nullable().meta({ description: "Whose move it is; null once it is over" }),
    message: z.string().nullable(),
    reason: z.string().nullable().meta({ description: "Why it was declined or expired" }),
    currency: z.string(),
    orderOnAcceptance: z.boolean(),
    expiresAt: timestamp,
    holdUntil: timestamp.nullable().meta({ description: "An accepted offer's terms are held until then" }),
    orderId: z.string().nullable(),
    lines: z.array(z.strictObject({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPrice: money, listPrice: money, lineTotal: money })),
    total: money,
    timeline: z.array(
      z.strictObject({ at: timestamp, type: z.string(), status: offerStatus, source: z.string(), message: z.string().nullable(), terms: z.unknown() }),
    ),
    company: z.strictObject({ name: z.string(), customerId: z.string() }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Offer" });
export const offersPage = z.strictObject({ data: z.array(offerView), nextCursor: z.string().nullable() }).meta({ id: "OffersPage" });

/** An offer.* outbound webhook's body: the offer as the buyer sees it after the step. */
export const offerWebhookEvent = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    timestamp,
    data: z.strictObject({
      sequence: z.number().int().meta({ description: "Grows with every event; within one offer a later step has a larger one" }),
      offerId: z.string(),
      number: z.string(),
      status: offerStatus,
      offer: offerView,
    }),
  });

export const inboxItem = z
  .strictObject({
    id: z.string(),
    type: z
      .string()
      .meta({ description: "The event: order_placed … order_canceled, webhook_disabled; for staff order_failed, low_stock, out_of_stock, sync_failed" }),
    title: z.string(),
    url: z.string().nullable().meta({ description: "Where it leads in the portal, e.g. /orders/{id}" }),
    orderId: z.string().nullable(),
    read: z.boolean(),
    readAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "InboxItem" });
export const inboxPage = z
  .strictObject({ data: z.array(inboxItem), unreadCount: z.number().int().nonnegative(), nextCursor: z.string().nullable() })
  .meta({ id: "InboxPage" });
export const markedRead = z.strictObject({ marked: z.number().int().nonnegative(), unreadCount: z.number().int().nonnegative() });
export const notificationPreferences = z
  .strictObject({
    data: z.array(
      z.strictObject({
        type: z.string(),
        label: z.string(),
        email: z.boolean(),
        inApp: z.boolean(),
        digest: z.boolean().nullable().meta({ description: "Stock alerts only (null otherwise): one email a day instead of one per alert" }),
      }),
    ),
  })
  .meta({ id: "NotificationPreferences" });

export const health = z.looseObject({ status: z.enum(["ok", "degraded", "down"]) });
