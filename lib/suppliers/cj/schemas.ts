import { z } from "zod";

/**
 * zod for everything CJ Dropshipping API 2.0 sends (docs/suppliers.md (CJ)), plus the
 * createOrderV2 and freightCalculate bodies we send, which the simulator checks
 * with the same schemas. CJ is loose with types (ids as numbers or strings,
 * amounts as "12.50" or 12.5, counts as "3"), so those are coerced; the fields
 * we act on (ids, statuses, token strings) are required. Objects strip unknown
 * keys: CJ adds fields often, and a new one must not fail a good answer.
 */

// ── Loose scalars ──────────────────────────────────────────────────────────
/**
 * An id CJ may send as a JSON number (snowflake ids) or a string. A number past
 * 2^53 has already lost digits in JSON.parse, so it is refused, never stored
 * wrong (webhook bodies are parsed with parseCjJson, which keeps them exact).
 */
export const cjId = z.union([z.string().min(1), z.number().int()]).transform(String);
/** A decimal amount as a number or a numeric string. */
export const cjAmount = z.union([
  z.number().nonnegative(),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
/** A count as a number or a numeric string. */
export const cjCount = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .transform((n) => Math.max(0, Math.trunc(n)));
const nullishString = z.string().nullish();
/** CJ dates: "2021-08-18T09:16:33+08:00" (or epoch ms); parsed to epoch ms. */
export const cjDate = z.union([z.number().int().positive(), z.string().min(1)]).transform((v, ctx) => {
  const ms = typeof v === "number" ? v : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a date: ${String(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return ms;
});

// ── Envelope ───────────────────────────────────────────────────────────────
/** Every CJ answer, success or not: `code` 200 is success, whatever the HTTP status said. */
export const cjEnvelopeSchema = z.object({
  code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  result: z.union([z.boolean(), z.string()]).nullish(),
  message: nullishString,
  data: z.unknown(),
  requestId: nullishString,
});
export type CjEnvelope = z.infer<typeof cjEnvelopeSchema>;

// ── Auth ───────────────────────────────────────────────────────────────────
export const cjTokenDataSchema = z.object({
  openId: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : String(v))),
  accessToken: z.string().min(1),
  accessTokenExpiryDate: cjDate,
  refreshToken: z.string().min(1),
  refreshTokenExpiryDate: cjDate,
});
export type CjTokenData = z.infer<typeof cjTokenDataSchema>;

/** A refresh may or may not hand out a new refresh token; keep the old one if not. */
export const cjRefreshDataSchema = cjTokenDataSchema.extend({
  refreshToken: z.string().min(1).nullish(),
  refreshTokenExpiryDate: cjDate.nullish(),
});
export type CjRefreshData = z.infer<typeof cjRefreshDataSchema>;

// ── Account settings ───────────────────────────────────────────────────────
/**
 * GET /setting/get. CJ's API 2.0 docs ("Settings → Get Settings") answer
 * `data { openId, openName, openEmail, setting: { quotaLimits: [...], qpsLimit },
 * callback, root, isSandbox }`, where `setting.qpsLimit` is "account Queries per
 * second" (the tier: Free 1, Plus 2, Prime 4, Advanced 6; docs/suppliers.md (CJ)). The
 * docs call `setting` a "list" while their example is an object, and nothing
 * else about the field is promised, so the QPS is read leniently: the first
 * positive number (or numeric string) among `setting.qpsLimit`, `setting.qps`,
 * `setting.qpsLimitNum`, then the same names on `data` itself, with `setting`
 * an object or an array of objects. Anything else is "not told" (null), never
 * a parse failure: the adapter then paces at its configured rate.
 */
const QPS_FIELDS = ["qpsLimit", "qps", "qpsLimitNum"] as const;

function positiveQps(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

function qpsIn(o: unknown): number | null {
  if (Array.isArray(o)) {
    for (const item of o) {
      const found = qpsIn(item);
      if (found !== null) return found;
    }
    return null;
  }
  if (!o || typeof o !== "object") return null;
  for (const f of QPS_FIELDS) {
    const found = positiveQps((o as Record<string, unknown>)[f]);
    if (found !== null) return found;
  }
  return null;
}

export const cjSettingsSchema = z
  .object({ openId: z.unknown().optional(), setting: z.unknown().optional() })
  .passthrough()
  .transform((d) => ({
    openId: typeof d.openId === "string" || typeof d.openId === "number" ? String(d.openId) : null,
    qpsLimit: qpsIn(d.setting) ?? qpsIn(d),
  }));
export type CjSettings = z.infer<typeof cjSettingsSchema>;

// ── Products, variants, stock ──────────────────────────────────────────────
/** One warehouse row of /product/stock/queryBy* (and of STOCK webhooks, and variant inventories). */
export const cjStockRowSchema = z.object({
  vid: cjId.nullish(),
  areaId: cjId.nullish(),
  areaEn: nullishString,
  countryCode: nullishString,
  totalInventoryNum: cjCount.nullish(),
  /** Webhook rows and older answers use storageNum. */
  storageNum: cjCount.nullish(),
  cjInventoryNum: cjCount.nullish(),
  factoryInventoryNum: cjCount.nullish(),
});
export type CjStockRow = z.infer<typeof cjStockRowSchema>;
export const cjStockRowsSchema = z
  .array(cjStockRowSchema)
  .nullable()
  .transform((rows) => rows ?? []);

export const cjVariantSchema = z.object({
  vid: cjId,
  pid: cjId.nullish(),
  variantSku: z.string().min(1),
  variantNameEn: nullishString,
  variantName: nullishString,
  variantKey: nullishString,
  variantSellPrice: cjAmount,
  /** Per-warehouse stock, when CJ includes it; otherwise we ask stock/queryByVid. */
  inventories: z.array(cjStockRowSchema).nullish(),
});
export type CjVariant = z.infer<typeof cjVariantSchema>;

/** GET /product/query: one product with its variants. */
export const cjProductSchema = z.object({
  pid: cjId,
  productNameEn: nullishString,
  productSku: nullishString,
  variants: z.array(cjVariantSchema),
});
export type CjProduct = z.infer<typeof cjProductSchema>;

/** A listV2 row: `id`/`nameEn`/`sku` (listV2) or `pid`/`productNameEn`/`productSku` (older lists). */
export const cjListedProductSchema = z
  .object({
    id: cjId.nullish(),
    pid: cjId.nullish(),
    nameEn: nullishString,
    productNameEn: nullishString,
    sku: nullishString,
    productSku: nullishString,
  })
  .transform((p, ctx) => {
    const pid = p.id ?? p.pid;
    if (!pid) {
      ctx.addIssue({ code: "custom", message: "product without id" });
      return z.NEVER;
    }
    return { pid, name: p.nameEn ?? p.productNameEn ?? null, sku: p.sku ?? p.productSku ?? null };
  });

/** GET /product/listV2 data. */
export const cjProductListSchema = z.object({
  pageNumber: cjCount,
  pageSize: cjCount,
  totalRecords: cjCount,
  totalPages: cjCount.nullish(),
  content: z.array(z.object({ productList: z.array(cjListedProductSchema).nullish() })).nullish(),
});
export type CjProductList = z.infer<typeof cjProductListSchema>;

// ── Logistics ──────────────────────────────────────────────────────────────
export const cjFreightRequestSchema = z.object({
  startCountryCode: z.string().length(2),
  endCountryCode: z.string().length(2),
  products: z.array(z.object({ quantity: z.number().int().positive(), vid: z.string().min(1) })).min(1),
});
export type CjFreightRequest = z.infer<typeof cjFreightRequestSchema>;

export const cjFreightOptionSchema = z.object({
  logisticName: z.string().min(1),
  logisticPrice: cjAmount,
  logisticAging: nullishString,
});
export const cjFreightListSchema = z.array(cjFreightOptionSchema);
export type CjFreightOption = z.infer<typeof cjFreightOptionSchema>;

export const cjTrackInfoSchema = z.array(
  z.object({
    trackingNumber: z.string().min(1),
    logisticName: nullishString,
    trackingFrom: nullishString,
    trackingTo: nullishString,
    deliveryDay: z.union([z.string(), z.number()]).nullish(),
    deliveryTime: nullishString,
    trackingStatus: z.union([z.string(), z.number()]).nullish(),
    lastMileCarrier: nullishString,
    lastTrackNumber: nullishString,
  }),
);
export type CjTrackInfo = z.infer<typeof cjTrackInfoSchema>;

// ── Orders ─────────────────────────────────────────────────────────────────
export const CJ_ORDER_STATUSES = ["CREATED", "IN_CART", "UNPAID", "UNSHIPPED", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export const cjOrderStatusSchema = z.enum(CJ_ORDER_STATUSES);
export type CjOrderStatus = z.infer<typeof cjOrderStatusSchema>;

/** POST /shopping/order/createOrderV2: exactly the fields of docs/suppliers.md (CJ). */
export const cjCreateOrderRequestSchema = z.object({
  orderNumber: z.string().min(1).max(50),
  shippingCountryCode: z.string().length(2),
  shippingCountry: z.string().min(1),
  shippingProvince: z.string(),
  shippingCity: z.string().min(1),
  shippingCustomerName: z.string().min(1),
  shippingAddress: z.string().min(1),
  shippingZip: z.string(),
  shippingPhone: z.string(),
  logisticName: z.string().min(1),
  fromCountryCode: z.string().length(2),
  /** 2 = pay from the CJ balance, 3 = create only (pay later in CJ). */
  payType: z.union([z.literal(2), z.literal(3)]),
  products: z.array(z.object({ vid: z.string().min(1), quantity: z.number().int().positive() })).min(1),
});
export type CjCreateOrderRequest = z.infer<typeof cjCreateOrderRequestSchema>;

export const cjCreateOrderDataSchema = z.object({
  orderId: cjId,
  orderNumber: z.string().min(1),
  /** Optional: a created order is at least "submitted" for us when CJ leaves it out. */
  orderStatus: cjOrderStatusSchema.nullish(),
  orderAmount: cjAmount.nullish(),
});
export type CjCreateOrderData = z.infer<typeof cjCreateOrderDataSchema>;

/** GET /shopping/order/getOrderDetail data. */
export const cjOrderDetailSchema = z.object({
  orderId: cjId,
  orderNumber: z.string().min(1),
  orderStatus: cjOrderStatusSchema,
  trackNumber: nullishString,
  logisticName: nullishString,
  trackingUrl: nullishString,
  orderAmount: cjAmount.nullish(),
  createDate: nullishString,
  updateDate: nullishString,
});
export type CjOrderDetail = z.infer<typeof cjOrderDetailSchema>;

// ── Webhooks ───────────────────────────────────────────────────────────────
export const CJ_MESSAGE_TYPES = ["ORDER", "LOGISTIC", "STOCK", "PRODUCT", "VARIANT"] as const;
export type CjMessageType = (typeof CJ_MESSAGE_TYPES)[number];

const messageBase = {
  messageId: z.string().min(1).max(255),
  messageType: z.string().min(1).default("UPDATE"),
};

export const cjWebhookSchema = z.discriminatedUnion("type", [
  z.object({
    ...messageBase,
    type: z.literal("ORDER"),
    params: z.object({
      orderNumber: nullishString,
      cjOrderId: cjId.nullish(),
      orderId: cjId.nullish(),
      orderStatus: cjOrderStatusSchema,
      logisticName: nullishString,
      trackNumber: nullishString,
      trackingUrl: nullishString,
      updateDate: nullishString,
    }),
  }),
  z.object({
    ...messageBase,
    type: z.literal("LOGISTIC"),
    params: z.object({
      /** CJ's order id; storeOrderNumbers (or orderNumber) carry ours. */
      orderId: cjId.nullish(),
      orderNumber: nullishString,
      storeOrderNumbers: z.array(z.string()).nullish(),
      logisticName: nullishString,
      trackingNumber: nullishString,
      trackNumber: nullishString,
      trackingUrl: nullishString,
      /** 0 no info … 12 delivered, 13 exception, 14 returned. */
      trackingStatus: cjCount.nullish(),
    }),
  }),
  z.object({ ...messageBase, type: z.literal("STOCK"), params: z.record(z.string(), z.array(cjStockRowSchema)) }),
  z.object({
    ...messageBase,
    type: z.literal("PRODUCT"),
    params: z.object({ pid: cjId, productSku: nullishString, productNameEn: nullishString, productStatus: z.unknown().optional() }),
  }),
  z.object({
    ...messageBase,
    type: z.literal("VARIANT"),
    params: z.object({
      vid: cjId,
      pid: cjId.nullish(),
      variantSku: nullishString,
      variantSellPrice: cjAmount.nullish(),
      variantStatus: z.unknown().optional(),
    }),
  }),
]);
export type CjWebhookBody = z.infer<typeof cjWebhookSchema>;
export type CjWebhookInput = z.input<typeof cjWebhookSchema>;
