import { z } from "zod";

/**
 * Inputs of the supplier admin, shared by the browser form, the route
 * handlers and the use-cases. No server-only import: the form needs the
 * credential fields of each kind to know what to show.
 */
export const SUPPLIER_KINDS = ["phonex", "cj", "wesellcellular"] as const;
export type SupplierKindName = (typeof SUPPLIER_KINDS)[number];

export const KIND_LABELS: Record<SupplierKindName, string> = {
  phonex: "PhoneX (middleware)",
  cj: "CJ Dropshipping",
  wesellcellular: "WesellCellular (direct)",
};

/** WesellCellular sends no webhooks (docs/suppliers.md (WesellCellular)): its open orders are polled. */
export const KIND_HAS_WEBHOOKS: Record<SupplierKindName, boolean> = { phonex: true, cj: true, wesellcellular: false };

export type CredentialField = {
  name: string;
  label: string;
  required: boolean;
  hint?: string;
  secret: boolean;
  /** A closed set of values (the form shows a select). */
  options?: readonly { value: string; label: string }[];
};

/** The credential keys each adapter reads from SupplierConfig.credentials. */
export const CREDENTIAL_FIELDS: Record<SupplierKindName, readonly CredentialField[]> = {
  phonex: [{ name: "apiKey", label: "API key", required: true, secret: true }],
  cj: [
    { name: "apiKey", label: "API key", required: true, secret: true },
    { name: "openId", label: "Open ID", required: false, secret: true, hint: "CJ signs its webhooks with it" },
    { name: "qps", label: "QPS", required: false, secret: false, hint: "The account tier's requests per second (Free 1 … Advanced 6)" },
    { name: "fromCountryCode", label: "Ship-from country", required: false, secret: false, hint: "Warehouse country, default CN" },
    {
      name: "payType", label: "Pay type", required: false, secret: false,
      options: [{ value: "2", label: "2: pay from the CJ balance (default)" }, { value: "3", label: "3: create only, pay in CJ" }],
    },
  ],
  wesellcellular: [
    { name: "email", label: "Account email", required: true, secret: false },
    { name: "password", label: "Account password", required: true, secret: true },
  ],
};

/** At most this many webhook secrets are valid at once (the current one plus old ones being rotated out). */
export const MAX_WEBHOOK_SECRETS = 3;

const secretValue = z.string({ error: "Required" }).max(2000, "At most 2000 characters").refine((v) => v.trim().length > 0, "Required");

// Optional credentials are strings like every other (the Supplier row stores a JSON object of strings).
export const credentialSchemas = {
  phonex: z.strictObject({ apiKey: secretValue }),
  cj: z.strictObject({
    apiKey: secretValue,
    openId: secretValue.optional(),
    qps: z.string().trim().regex(/^[1-9][0-9]{0,2}$/, "A whole number from 1 to 999").optional(),
    fromCountryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "A 2-letter country code").optional(),
    payType: z.enum(["2", "3"], { error: "2 (pay from balance) or 3 (create only)" }).optional(),
  }),
  wesellcellular: z.strictObject({ email: z.string({ error: "Required" }).trim().email("Enter an email address"), password: secretValue }),
} satisfies Record<SupplierKindName, z.ZodType>;

/** An empty form field means "not given": drop it before validating. */
const withoutEmpty = (v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== "" && x !== undefined)) : v;

export const slugSchema = z.string().trim().regex(/^[a-z0-9-]{2,40}$/, "2–40 lowercase letters, digits or dashes");
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
const failoverSchema = z.number({ error: "Must be a whole number of seconds" }).int("Must be a whole number of seconds").min(1, "At least 1 second").max(86_400, "At most a day");

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

export const createSupplierSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("phonex"), ...createBase, credentials: z.preprocess(withoutEmpty, credentialSchemas.phonex) }),
    z.object({ type: z.literal("cj"), ...createBase, credentials: z.preprocess(withoutEmpty, credentialSchemas.cj) }),
    z.object({ type: z.literal("wesellcellular"), ...createBase, credentials: z.preprocess(withoutEmpty, credentialSchemas.wesellcellular) }),
  ],
  { error: "Choose phonex, cj or wesellcellular" },
);
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
