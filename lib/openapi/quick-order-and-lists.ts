import { z } from "zod";
import type { ZodOpenApiContentObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { REVIEW_STATUSES } from "../quick-order/match-rows";
import { SHEET_COLUMNS } from "../quick-order/parse-sheet";
import { pastedSheetSchema, templateQuerySchema } from "../quick-order/schemas";
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
  };
}
