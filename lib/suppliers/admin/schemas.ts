import "server-only";
import { z } from "zod";
import { SUPPLIER_KINDS } from "../registry";

/**
 * Inputs of the supplier admin, shared by the route handlers and the
 * use-cases. What differs by kind (its credentials) comes from the registry;
 * the form reads the same kinds as plain data (describeSupplierKinds, handed down by the page).
 */
/** An empty form field means "not given": drop it before validating. */
const withoutEmpty = (v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== "" && x !== undefined)) : v;

export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, "2–40 lowercase letters, digits or dashes");
const nameSchema = z.string().trim().min(1, "Required").max(100, "At most 100 characters");
const endpointSchema = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "An http:// or https:// URL" }))
  .transform((u) => u.replace(/\/+$/, ""));
const rateLimitSchema = z.coerce.number({ error: "A whole number" }).int("A whole number").min(1, "At least 1").max(1000, "At most 1000");
const timeoutSchema = z.coerce.number({ error: "A whole number" }).int("A whole number").min(500, "At least 500 ms").max(120_000, "At most 120000 ms");
/** Minutes between scheduled syncs, 0 = off. An empty box or null is not "off" (z.coerce would read either as 0): 0 must be typed. */
const syncMinutesSchema = z.preprocess(
  (v) => (v === null || (typeof v === "string" && v.trim() === "") ? Number.NaN : v),
  z.coerce.number({ error: "Whole minutes (0 = off)" }).int("Whole minutes (0 = off)").min(0, "0 (off) or more").max(10_080, "At most 10080 (a week)"),
);

// Commas separate the secrets that are valid during a rotation, so one secret cannot hold one.
export const webhookSecretSchema = z
  .string()
  .trim()
  .min(8, "At least 8 characters")
  .max(200, "At most 200 characters")
  .refine((s) => !s.includes(","), "Must not contain a comma");

/** Seconds a line waits on an unreachable supplier before it may move to another offer. */
const failoverSchema = z
  .number({ error: "Must be a whole number of seconds" })
  .int("Must be a whole number of seconds")
  .min(1, "At least 1 second")
  .max(86_400, "At most a day");

const createBase = {
  slug: slugSchema,
  name: nameSchema,
  apiEndpoint: endpointSchema,
  rateLimitPerSec: rateLimitSchema.default(5),
  failoverAfterSec: failoverSchema.default(30),
  timeoutMs: timeoutSchema.default(10_000),
  active: z.boolean().default(true),
  syncStockMinutes: syncMinutesSchema.default(15),
  syncCatalogMinutes: syncMinutesSchema.default(60),
  webhookSecret: z.preprocess((v) => (v === "" || v === null ? undefined : v), webhookSecretSchema.optional()),
};

const createByKind = SUPPLIER_KINDS.map((k) =>
  z.object({ type: z.literal(k.id), ...createBase, credentials: z.preprocess(withoutEmpty, k.credentials.schema) }),
);
type CreateByKind = (typeof createByKind)[number];
const kindIds = SUPPLIER_KINDS.map((k) => k.id);

export const createSupplierSchema = z.discriminatedUnion("type", createByKind as unknown as [CreateByKind, ...CreateByKind[]], {
  error: `Choose ${kindIds.slice(0, -1).join(", ")} or ${kindIds.at(-1)}`,
});
export type CreateSupplierInput = z.input<typeof createSupplierSchema>;

const immutable = (why: string) => z.undefined({ error: why }).optional();

/**
 * A partial update. Credentials are write-only: a non-empty string replaces
 * that one field, an omitted (or empty) field is kept, `null` removes it.
 * Which keys are allowed depends on the stored kind (checked in updateSupplier).
 */
export const updateSupplierSchema = z.strictObject({
  name: nameSchema.optional(),
  apiEndpoint: endpointSchema.optional(),
  rateLimitPerSec: rateLimitSchema.optional(),
  failoverAfterSec: failoverSchema.optional(),
  timeoutMs: timeoutSchema.optional(),
  active: z.boolean().optional(),
  syncStockMinutes: syncMinutesSchema.optional(),
  syncCatalogMinutes: syncMinutesSchema.optional(),
  credentials: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, "Not a credential field"), z.string().max(2000).nullable()).optional(),
  /** keepOld: the old secret(s) stay valid alongside until `retireOldSecrets`, so no webhook is refused mid-rotation. */
  rotateWebhookSecret: z.strictObject({ newSecret: webhookSecretSchema, keepOld: z.boolean().default(true) }).optional(),
  /** Keep only the newest webhook secret. */
  retireOldSecrets: z.boolean().optional(),
  slug: immutable("The slug cannot change: it is in the webhook URL registered at the supplier"),
  type: immutable("The kind cannot change: create a new supplier instead"),
});
export type UpdateSupplierInput = z.input<typeof updateSupplierSchema>;
