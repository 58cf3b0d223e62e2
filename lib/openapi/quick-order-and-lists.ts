import { z } from "zod";
import type { ZodOpenApiContentObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { REVIEW_STATUSES } from "../quick-order/match-rows";
import { SHEET_COLUMNS } from "../quick-order/parse-sheet";
import { pastedSheetSchema, templateQuerySchema } from "../quick-order/schemas";
import { createListSchema, LIST_SOURCES, updateListSchema } from "../lists/schemas";
import { productView } from "./responses";

/**
 * The quick order, saved lists and reorder paths of GET /api/openapi.json, and their answers'
 * schemas (parsed against real answers in tests/integration/openapi.test.ts, like responses.ts).
 * Built with the helpers of build-document.ts, which spreads these paths into the document.
 */
const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: "Decimal string with two places", example: "231.00" });

export const sheetReview = z
  .strictObject({
    rows: z.array(
      z.strictObject({
        row: z.number().int().meta({ description: "The row in the sheet, 1-based, the header row counted" }),
        input: z.strictObject(Object.fromEntries(SHEET_COLUMNS.map((c) => [c, z.string().optional()]))).meta({ description: "What the row said" }),
        status: z.enum(REVIEW_STATUSES),
        product: productView.optional(),
        candidates: z.array(productView).optional().meta({ description: "ambiguous: the products that fit; unmatched: the other colors" }),
        quantity: z.number().int().nullable(),
        available: z.number().int().meta({ description: "What an order could have now, up to quantity" }),
        unitPrice: money.nullable().meta({ description: "Your price" }),
        maxUnitPrice: money.nullable(),
        error: z.string().optional(),
        errors: z.array(z.strictObject({ column: z.string(), message: z.string() })).optional(),
      }),
    ),
    summary: z.strictObject({
      rows: z.number().int(),
      ...Object.fromEntries(REVIEW_STATUSES.map((s) => [s, z.number().int()])),
      orderable: z.strictObject({ lines: z.number().int(), units: z.number().int(), subtotal: money }),
    }),
    ignoredColumns: z.array(z.string()),
  })
  .meta({ id: "SheetReview" });

const timestamp = z.iso.datetime();
const lineNow = {
  product: productView.nullable().meta({ description: "null when the product is no longer sold" }),
  available: z.number().int().meta({ description: "What an order could have now, up to the quantity" }),
  unitPrice: money.nullable().meta({ description: "Your price now" }),
  status: z.enum(["available", "partial", "over_price", "not_sold"]),
};
const orderable = z.strictObject({ lines: z.number().int(), units: z.number().int(), subtotal: money });
const listHead = {
  id: z.string(),
  name: z.string(),
  source: z.enum(LIST_SOURCES),
  createdBy: z.strictObject({ name: z.string() }),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const savedListSummary = z.strictObject({ ...listHead, lineCount: z.number().int(), units: z.number().int() });
export const savedListsPage = z.strictObject({ data: z.array(savedListSummary) }).meta({ id: "SavedLists" });
export const savedList = z
  .strictObject({
    ...listHead,
    lines: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int(), maxUnitPrice: money.nullable(), note: z.string().nullable(), ...lineNow })),
    orderable,
  })
  .meta({ id: "SavedList" });
export const reorderView = z
  .strictObject({
    orderId: z.string(),
    number: z.string(),
    orderedAt: timestamp,
    lines: z.array(
      z.strictObject({
        sku: z.string(),
        name: z.string(),
        then: z.strictObject({ quantity: z.number().int(), unitPrice: money }),
        now: z.strictObject(lineNow),
        quantity: z.number().int().meta({ description: "What ordering again takes: the quantity then, up to what is available now" }),
        changes: z.array(z.enum(["price_up", "price_down", "less_stock", "out_of_stock", "not_sold"])),
      }),
    ),
    orderable,
    changed: z.boolean(),
  })
  .meta({ id: "Reorder" });

type Helpers = {
  ok: (description: string, schema: z.ZodType) => ZodOpenApiResponseObject;
  err: (description: string) => ZodOpenApiResponseObject;
  errors: Record<string, ZodOpenApiResponseObject>;
  json: (schema: z.ZodType) => ZodOpenApiContentObject;
  idParam: z.ZodObject;
};

export function quickOrderAndListPaths(h: Helpers): ZodOpenApiPathsObject {
  return {
    "/api/quick-order/review": {
      post: {
        summary: "Review a spreadsheet: each row matched to the catalog, with your price and what is available now",
        description:
          "Needs orders:read; resellers only. Send the sheet as multipart/form-data (field `file`: CSV with `,` or `;`, or XLSX), " +
          "as JSON `{ text }` (pasted rows), or as the body itself (text/csv or XLSX). Columns (first row, case-insensitive, aliases " +
          "accepted): SKU, or Brand, Model, Storage, Grade (and Color); Quantity; Max unit price (optional; `1,246.00`, `$1,246.00`). " +
          "Up to 2 MB and 1000 rows (413 beyond). Nothing is ordered: order, offer or save the rows with their own routes.",
        requestBody: {
          content: {
            ...h.json(pastedSheetSchema),
            "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
            "text/csv": { schema: { type: "string" } },
          },
        },
        responses: { "200": h.ok("The review, row by row", sheetReview), "413": h.err("payload_too_large: over 2 MB or 1000 rows"), ...h.errors },
      },
    },
    "/api/quick-order/template": {
      get: {
        summary: "The quick-order template, as a download (CSV, or XLSX with format=xlsx)",
        requestParams: { query: templateQuerySchema },
        responses: {
          "200": {
            description: "The template (Content-Disposition: attachment)",
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
            },
          },
          ...h.errors,
        },
      },
    },
    "/api/lists": {
      get: {
        summary: "Your company's saved lists (every user's), most recently changed first",
        description: "Needs orders:read; resellers only. At most 200.",
        responses: { "200": h.ok("The lists", savedListsPage), ...h.errors },
      },
      post: {
        summary: "Save a list (from a cart, a spreadsheet review or an order), shared with your company's users",
        description: "Needs orders:write (owners and buyers). A SKU not in the catalog is kept, shown as not sold.",
        requestBody: { content: h.json(createListSchema) },
        responses: { "201": h.ok("The list, each line as it stands now", savedList), ...h.errors },
      },
    },
    "/api/lists/{id}": {
      get: {
        summary: "A saved list, each line with your price and what is available now",
        requestParams: { path: h.idParam },
        responses: { "200": h.ok("The list", savedList), "404": h.err("not_found"), ...h.errors },
      },
      patch: {
        summary: "Rename a list and/or replace its lines",
        description: "Needs orders:write.",
        requestParams: { path: h.idParam },
        requestBody: { content: h.json(updateListSchema) },
        responses: { "200": h.ok("The list", savedList), "404": h.err("not_found"), ...h.errors },
      },
      delete: {
        summary: "Delete a list",
        description: "Needs orders:write.",
        requestParams: { path: h.idParam },
        responses: { "200": h.ok("Deleted", z.strictObject({ id: z.string(), deleted: z.literal(true) })), "404": h.err("not_found"), ...h.errors },
      },
    },
    "/api/orders/{id}/reorder": {
      get: {
        summary: "Order again: the order's lines with the price then and now, the quantity then and what is available now",
        description: "Needs orders:read; resellers only. Nothing is ordered: put the lines into a cart or an order.",
        requestParams: { path: h.idParam },
        responses: { "200": h.ok("The lines then and now", reorderView), "404": h.err("not_found"), ...h.errors },
      },
    },
  };
}
