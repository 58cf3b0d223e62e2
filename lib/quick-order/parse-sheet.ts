import Papa from "papaparse";
import { formatCents } from "../money";
import { isWellFormedText, toWellFormed } from "../wire/well-formed";
import { readXlsxRecords } from "./read-xlsx";

/**
 * A buyer's spreadsheet (pasted text, a CSV export with "," or ";", or an XLSX file) → rows with
 * their row numbers. Pure: no database, no network. The first non-empty row names the columns
 * (aliases below, case-insensitive); every bad cell is reported on its row, naming the column,
 * and never throws, so the review shows the buyer every problem at once.
 */
export const SHEET_COLUMNS = ["sku", "brand", "model", "storage", "grade", "color", "quantity", "maxUnitPrice"] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** The column names the template uses and errors name. */
export const COLUMN_LABELS: Record<SheetColumn, string> = {
  sku: "SKU",
  brand: "Brand",
  model: "Model",
  storage: "Storage",
  grade: "Grade",
  color: "Color",
  quantity: "Quantity",
  maxUnitPrice: "Max unit price",
};

/** Header aliases, compared after normalizeHeader (lower case, punctuation and spaces collapsed). */
const ALIASES: Record<SheetColumn, string[]> = {
  sku: ["sku", "item", "item no", "item number", "item sku", "part number", "product code", "code"],
  brand: ["brand", "make", "manufacturer"],
  model: ["model", "model name"],
  storage: ["storage", "capacity", "memory"],
  grade: ["grade", "condition"],
  color: ["color", "colour"],
  quantity: ["qty", "quantity", "quantities", "units", "qty wanted", "order qty"],
  maxUnitPrice: ["max price", "max unit price", "maximum price", "maximum unit price", "target price", "max", "price limit", "unit price max"],
};

export const MAX_QUANTITY = 10_000;
const MAX_CELL_LENGTH = 100;

export type SheetInput = Partial<Record<SheetColumn, string>>;
export type CellError = { column: string; message: string };

export type SheetRow = {
  /** The row in the sheet, 1-based, the header row included (as a spreadsheet numbers it). */
  row: number;
  /** What the row said, per recognised column, as text. */
  input: SheetInput;
  /** Upper-cased, like every SKU in the catalog. */
  sku?: string;
  brand?: string;
  model?: string;
  storage?: string;
  grade?: string;
  color?: string;
  quantity?: number;
  /** "1246.00" */
  maxUnitPrice?: string;
  errors: CellError[];
};

export type ParsedSheet =
  { ok: true; rows: SheetRow[]; columns: SheetColumn[]; ignoredColumns: string[]; delimiter: string | null } | { ok: false; error: string };

type Cell = string | number | null;
type SheetRecord = { row: number; cells: Cell[] };

export const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const aliasToColumn = new Map<string, SheetColumn>(SHEET_COLUMNS.flatMap((c) => ALIASES[c].map((a) => [a, c] as const)));

/** Pasted text or a CSV file's text. */
export function parseSheetText(text: string, opts: { maxRows: number }): ParsedSheet {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!src.trim()) return { ok: false, error: "Nothing to read: paste rows or upload a file" };
  // Papa guesses the delimiter from the field counts of the first rows: "1,246.00" in a ";" export
  // does not fool it, since "," would give the rows different counts.
  // The guess skips empty lines (a trailing blank line would otherwise defeat it, papaparse
  // issue 1042); the parse keeps them, so row numbers stay the sheet's.
  const guess = Papa.parse<string[]>(src, { preview: 20, skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  const parsed = Papa.parse<string[]>(src, { header: false, skipEmptyLines: false, delimiter: guess.meta.delimiter || "," });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) return { ok: false, error: `Row ${(fatal.row ?? 0) + 1}: ${fatal.message} (a quote opened and never closed?)` };
  const records = parsed.data.map((cells, i) => ({ row: i + 1, cells }));
  return rowsOf(records, opts, parsed.meta.delimiter || null);
}

/** An uploaded file: XLSX (a zip) or CSV text (UTF-8, or Windows-1252 as older Excel saves it). */
export async function parseSheetBytes(bytes: Uint8Array, opts: { maxRows: number }): Promise<ParsedSheet> {
  if (bytes.length === 0) return { ok: false, error: "The file is empty" };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const read = await readXlsxRecords(bytes);
    if (!read.ok) return read;
    return rowsOf(read.records, opts, null);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return { ok: false, error: "Old .xls files cannot be read: save the sheet as .xlsx or CSV" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return parseSheetText(text, opts);
}

function rowsOf(records: SheetRecord[], opts: { maxRows: number }, delimiter: string | null): ParsedSheet {
  const filled = records.filter((r) => r.cells.some((c) => cellText(c) !== ""));
  const first = filled[0];
  if (!first) return { ok: false, error: "Nothing to read: the sheet has no rows" };
  let columns = first.cells.map((c) => aliasToColumn.get(normalizeHeader(cellText(c))) ?? null);
  let data = filled.slice(1);
  if (!columns.some((c) => c !== null)) {
    // No header: pasted "SKU, quantity[, max price]" lines are read as such.
    if (first.cells.length >= 2 && first.cells.length <= 3 && parseQuantity(first.cells[1] ?? null).ok) {
      columns = (["sku", "quantity", "maxUnitPrice"] as const).slice(0, first.cells.length);
      data = filled;
    } else {
      return {
        ok: false,
        error: "The first row must name the columns: SKU (or Brand, Model, Storage, Grade, Color) and Quantity; download the template",
      };
    }
  }
  const seen = new Set<SheetColumn>();
  const twice = columns.find((c) => c !== null && (seen.has(c) || !seen.add(c)));
  if (twice) return { ok: false, error: `Two columns are read as ${COLUMN_LABELS[twice]}: keep one` };
  if (!seen.has("quantity")) return { ok: false, error: "No Quantity column (Quantity or Qty)" };
  if (!seen.has("sku") && !seen.has("model")) return { ok: false, error: "No SKU column, and no Brand/Model/Storage/Grade columns to match by" };
  if (data.length > opts.maxRows) return { ok: false, error: `At most ${opts.maxRows} rows at a time (this sheet has ${data.length})` };
  const ignoredColumns = first.cells.flatMap((c, i) => (columns[i] === null && cellText(c) !== "" && data !== filled ? [cellText(c)] : []));
  return {
    ok: true,
    rows: data.map((r) => readRow(r, columns)),
    columns: [...seen],
    ignoredColumns,
    delimiter,
  };
}

function readRow(record: SheetRecord, columns: (SheetColumn | null)[]): SheetRow {
  const out: SheetRow = { row: record.row, input: {}, errors: [] };
  const fail = (column: SheetColumn, message: string) => out.errors.push({ column: COLUMN_LABELS[column], message });
  columns.forEach((column, i) => {
    if (!column) return;
    const cell = record.cells[i] ?? null;
    const text = cellText(cell);
    if (text === "") return;
    out.input[column] = toWellFormed(text).slice(0, 200);
    if (!isWellFormedText(text)) return fail(column, "Holds characters that are not text (NUL or broken Unicode)");
    if (column === "quantity") {
      const q = parseQuantity(cell);
      if (q.ok) out.quantity = q.value;
      else fail(column, q.error);
    } else if (column === "maxUnitPrice") {
      const p = parsePrice(cell);
      if (p.ok) out.maxUnitPrice = p.value;
      else fail(column, p.error);
    } else if (text.length > MAX_CELL_LENGTH) {
      fail(column, `At most ${MAX_CELL_LENGTH} characters`);
    } else {
      out[column] = column === "sku" ? text.toUpperCase() : text;
    }
  });
  if (out.quantity === undefined && !out.errors.some((e) => e.column === COLUMN_LABELS.quantity)) fail("quantity", "Required");
  if (!out.sku && !out.errors.some((e) => e.column === COLUMN_LABELS.sku)) {
    const missing = (["brand", "model", "storage", "grade"] as const).filter((c) => !out[c]);
    if (missing.length) {
      out.errors.push({
        column: COLUMN_LABELS[missing[0]!],
        message: `Give a SKU, or Brand, Model, Storage and Grade (missing: ${missing.map((c) => COLUMN_LABELS[c]).join(", ")})`,
      });
    }
  }
  return out;
}

function cellText(c: Cell): string {
  if (c === null) return "";
  return typeof c === "number" ? String(c) : c.trim();
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A whole number of units, 1..MAX_QUANTITY; "1,000" and "10.0" are read too. */
export function parseQuantity(cell: Cell): Parsed<number> {
  let n: number;
  if (typeof cell === "number") n = cell;
  else {
    const s = cellText(cell).replace(/[\s\u00a0\u202f]/g, "");
    if (/^\d{1,3}(,\d{3})+$/.test(s)) n = Number(s.replace(/,/g, ""));
    else if (/^\d+(\.0+)?$/.test(s)) n = Number(s);
    else return { ok: false, error: `"${cellText(cell).slice(0, 40)}" is not a whole number` };
  }
  if (!Number.isInteger(n)) return { ok: false, error: `${n} is not a whole number` };
  if (n < 1) return { ok: false, error: "At least 1" };
  if (n > MAX_QUANTITY) return { ok: false, error: `At most ${MAX_QUANTITY}` };
  return { ok: true, value: n };
}

/**
 * A price → "1246.00". Accepted: 1246, 1246.5, "1,246.00", "$1,246.00", "USD 1,246.00",
 * "1.246,00" and "1246,50" (a decimal comma), "1 246,00". Refused as ambiguous: "1.246" (a
 * thousands dot or three decimals?).
 */
export function parsePrice(cell: Cell): Parsed<string> {
  const bad = { ok: false as const, error: `"${cellText(cell).slice(0, 40)}" is not a price such as 1,246.00` };
  let cents: number;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return bad;
    cents = Math.round(cell * 100);
  } else {
    const s = cellText(cell)
      .replace(/^(?:US\$|USD|\$)\s*/i, "")
      .replace(/\s*(?:USD|\$)$/i, "")
      .replace(/[\s\u00a0\u202f']/g, "");
    let plain: string;
    if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) plain = s.replace(/,/g, "");
    else if (/^\d+(\.\d{1,2})?$/.test(s)) plain = s;
    else if (/^\d+,\d{1,2}$/.test(s)) plain = s.replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s) || /^\d{1,3}(\.\d{3}){2,}$/.test(s)) plain = s.replace(/\./g, "").replace(",", ".");
    else return bad;
    if (plain.replace(/\..*/, "").length > 10) return { ok: false, error: "Too large for a price" };
    cents = Math.round(Number(plain) * 100);
  }
  if (cents <= 0) return { ok: false, error: "Must be more than 0" };
  if (cents >= 1e12) return { ok: false, error: "Too large for a price" };
  return { ok: true, value: formatCents(cents) };
}
