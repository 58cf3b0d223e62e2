import { z } from "zod";
import { money, toCents } from "../money";

/**
 * A supplier's CSV price list (docs/suppliers.md (WesellCellular): accounts without API access
 * send stock and prices this way), parsed and validated as a whole. Pure: no
 * I/O, so the upload form can run it too. Every row is checked and every
 * problem reported with its line in the file (header = line 1), so ops fix
 * the file once instead of one error per upload.
 */
export const PRICE_LIST_COLUMNS = ["Brand", "Model", "Storage", "Color", "Grade", "Price", "Stock", "SKU"] as const;
export type PriceListColumn = (typeof PRICE_LIST_COLUMNS)[number];

export type PriceListRow = {
  /** Where the row starts in the file (1-based; a quoted field may span lines). */
  line: number;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: "A" | "B" | "C";
  /** "231.00" */
  price: string;
  stock: number;
  /** Upper-cased, like every SKU in the catalog. */
  sku: string;
};

export type PriceListError = { line: number; column?: PriceListColumn; message: string };
export type PriceListResult = { ok: true; rows: PriceListRow[] } | { ok: false; errors: PriceListError[] };

export const MAX_PRICE_LIST_ROWS = 10_000;
/** More than this many errors says "wrong file", and a longer list helps nobody. */
export const MAX_REPORTED_ERRORS = 100;
const MAX_INT4 = 2_147_483_647;

// ── RFC 4180 ───────────────────────────────────────────────────────────────
export type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 records: comma separated; a field may be quoted, and then holds
 * commas, line breaks and "" for one quote. Records end at CRLF, LF or a lone
 * CR. A quote inside an unquoted field, or text after a closing quote, is an
 * error rather than a guess, since a guess could shift every column after it.
 */
export function parseCsv(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: PriceListError } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let state: "start" | "unquoted" | "quoted" | "closed" = "start";
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = "";
    state = "start";
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const newline = c === "\n" || c === "\r";
    // CRLF is one line break.
    if (c === "\r" && src[i + 1] === "\n") i++;
    if (state === "quoted") {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else state = "closed";
      } else if (newline) {
        field += "\n";
        line++;
      } else field += c;
      continue;
    }
    if (c === ",") {
      endField();
    } else if (newline) {
      endRecord();
      line++;
      recordLine = line;
    } else if (state === "closed") {
      return { ok: false, error: { line, message: "Unexpected text after a closing quote (a field that contains quotes must be quoted as a whole)" } };
    } else if (c === '"') {
      if (state === "unquoted") return { ok: false, error: { line, message: 'A quote inside an unquoted field (write it as "" inside a quoted field)' } };
      state = "quoted";
      quoteLine = line;
    } else {
      field += c;
      state = "unquoted";
    }
  }
  if (state === "quoted") return { ok: false, error: { line: quoteLine, message: `A quoted field starting on line ${quoteLine} is never closed` } };
  // Text after the last line break is a final record without one.
  if (state !== "start" || fields.length > 0 || field !== "") endRecord();
  return { ok: true, records };
}

// ── Validation ─────────────────────────────────────────────────────────────
const PRICE = /^\d{1,10}(\.\d{1,2})?$/;
const text = (max: number) => z.string().trim().min(1, "is required").max(max, `is longer than ${max} characters`);

const rowSchema = z.object({
  Brand: text(100),
  Model: text(100),
  Storage: text(50),
  Color: text(50),
  Grade: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(["A", "B", "C"], { error: "must be A, B or C" })),
  Price: z
    .string()
    .trim()
    .regex(PRICE, "must be an amount like 231.00, with at most 2 decimals")
    // zod runs every check even after one failed: only judge a well-formed amount.
    .refine((v) => !PRICE.test(v) || toCents(v) > 0, "must be greater than 0")
    .transform((v) => money(v)),
  Stock: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, "must be a whole number, 0 or more")
    .transform(Number)
    .refine((n) => n <= MAX_INT4, "is too large"),
  SKU: text(64)
    .regex(/^\S+$/, "must not contain spaces")
    .transform((s) => s.toUpperCase()),
});

/** Header cell → column, case-insensitively; unknown columns are ignored. */
function readHeader(header: CsvRecord): { ok: true; index: Map<PriceListColumn, number> } | { ok: false; errors: PriceListError[] } {
  const index = new Map<PriceListColumn, number>();
  const errors: PriceListError[] = [];
  header.fields.forEach((name, i) => {
    const column = PRICE_LIST_COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase());
    if (!column) return;
    if (index.has(column)) errors.push({ line: header.line, column, message: `Column "${column}" appears twice` });
    else index.set(column, i);
  });
  for (const column of PRICE_LIST_COLUMNS) {
    if (!index.has(column)) errors.push({ line: header.line, column, message: `Missing column "${column}"` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, index };
}

const isBlank = (r: CsvRecord) => r.fields.every((f) => f.trim() === "");

export function parsePriceList(csv: string): PriceListResult {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  // Blank lines (and rows of empty cells, as spreadsheets export them) carry nothing.
  const records = parsed.records.filter((r) => !isBlank(r));
  const [header, ...data] = records;
  if (!header) return { ok: false, errors: [{ line: 1, message: "The file is empty" }] };
  const head = readHeader(header);
  if (!head.ok) return { ok: false, errors: head.errors };
  if (data.length === 0) return { ok: false, errors: [{ line: header.line + 1, message: "The price list has no rows" }] };
  if (data.length > MAX_PRICE_LIST_ROWS) {
    return { ok: false, errors: [{ line: data[MAX_PRICE_LIST_ROWS]!.line, message: `More than ${MAX_PRICE_LIST_ROWS} rows; split the file` }] };
  }

  const errors: PriceListError[] = [];
  const rows: PriceListRow[] = [];
  const firstLineOfSku = new Map<string, number>();
  for (const record of data) {
    if (record.fields.length !== header.fields.length) {
      errors.push({ line: record.line, message: `Expected ${header.fields.length} fields, found ${record.fields.length}` });
      continue;
    }
    const raw = Object.fromEntries(PRICE_LIST_COLUMNS.map((c) => [c, record.fields[head.index.get(c)!]!])) as Record<PriceListColumn, string>;
    const result = rowSchema.safeParse(raw);
    // SKU uniqueness is checked whatever else is wrong with the row, so both problems show at once.
    const sku = raw.SKU.trim().toUpperCase();
    const seenOn = sku ? firstLineOfSku.get(sku) : undefined;
    if (seenOn !== undefined) errors.push({ line: record.line, column: "SKU", message: `SKU "${sku}" is already on line ${seenOn}` });
    else if (sku) firstLineOfSku.set(sku, record.line);
    if (!result.success) {
      const reported = new Set<string>();
      for (const issue of result.error.issues) {
        const column = issue.path[0] as PriceListColumn;
        if (reported.has(column)) continue; // the first problem per cell is enough
        reported.add(column);
        const value = raw[column].trim();
        errors.push({ line: record.line, column, message: `${column} ${issue.message}${value ? ` (got "${value.slice(0, 40)}")` : ""}` });
      }
      continue;
    }
    if (seenOn !== undefined) continue;
    const r = result.data;
    rows.push({
      line: record.line,
      brand: r.Brand,
      model: r.Model,
      storage: r.Storage,
      color: r.Color,
      grade: r.Grade,
      price: r.Price,
      stock: r.Stock,
      sku: r.SKU,
    });
  }
  if (errors.length === 0) return { ok: true, rows };
  errors.sort((a, b) => a.line - b.line || PRICE_LIST_COLUMNS.indexOf(a.column!) - PRICE_LIST_COLUMNS.indexOf(b.column!));
  if (errors.length > MAX_REPORTED_ERRORS) {
    const rest = errors.length - MAX_REPORTED_ERRORS;
    return { ok: false, errors: [...errors.slice(0, MAX_REPORTED_ERRORS), { line: errors[MAX_REPORTED_ERRORS]!.line, message: `…and ${rest} more errors` }] };
  }
  return { ok: false, errors };
}
