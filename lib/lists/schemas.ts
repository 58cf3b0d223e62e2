import { z } from "zod";
import { wellFormedString } from "../wire/well-formed";

export const LIST_SOURCES = ["cart", "spreadsheet", "order"] as const;
export const MAX_LIST_LINES = 1000;

const money = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toFixed(2) : v.trim().replace(/^\$/, "").replace(/,/g, "")))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as "231.00"'))
  .refine((v) => Number(v) > 0, "Must be more than 0")
  .transform((v) => Number(v).toFixed(2));

export const listLineSchema = z.strictObject({
  sku: wellFormedString()
    .trim()
    .min(1, "Required")
    .max(100)
    .transform((s) => s.toUpperCase()),
  quantity: z.number({ error: "Must be a whole number" }).int("Must be a whole number").min(1, "At least 1").max(10_000, "At most 10000"),
  maxUnitPrice: money.nullable().optional(),
  note: wellFormedString()
    .trim()
    .max(500, "At most 500 characters")
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
});
const name = wellFormedString().trim().min(1, "Required").max(120, "At most 120 characters");
const lines = z.array(listLineSchema).min(1, "At least one line").max(MAX_LIST_LINES, `At most ${MAX_LIST_LINES} lines`);

/** POST /api/lists. */
export const createListSchema = z.strictObject({ name, source: z.enum(LIST_SOURCES), lines });
export type CreateListInput = z.infer<typeof createListSchema>;

/** PATCH /api/lists/{id}: a new name and/or new lines (the lines replace the list's). */
export const updateListSchema = z
  .strictObject({ name: name.optional(), lines: lines.optional() })
  .refine((v) => v.name !== undefined || v.lines !== undefined, { message: "Send a name or lines", path: ["name"] });
export type UpdateListInput = z.infer<typeof updateListSchema>;
