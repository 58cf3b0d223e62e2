import ExcelJS from "exceljs";

type Cell = string | number | null;
export type XlsxRecords = { ok: true; records: { row: number; cells: Cell[] }[] } | { ok: false; error: string };

/** What an XLSX of MAX_SHEET_ROWS short rows unpacks to is far below this; a zip bomb is far above. */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

/**
 * The first worksheet's rows of an XLSX file, read with exceljs, each cell as text or a number
 * (formulas give their cached result, rich text its plain text, dates an ISO date). Never throws:
 * a file exceljs cannot read is an error to show.
 */
export async function readXlsxRecords(bytes: Uint8Array): Promise<XlsxRecords> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === null) return { ok: false, error: "The file is not a readable XLSX workbook" };
  if (unpacked > MAX_UNPACKED_BYTES) return { ok: false, error: "The workbook is too large once unpacked: keep it to the rows you order" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, error: "The file is not a readable XLSX workbook" };
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "The workbook has no worksheet" };
  const records: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    records.push({ row: rowNumber, cells });
  });
  return { ok: true, records };
}

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("result" in v || "formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: unknown }).result;
    return result === undefined || (typeof result === "object" && result !== null && !(result instanceof Date)) ? null : cellOf(result as ExcelJS.CellValue);
  }
  if ("text" in v && typeof v.text === "string") return v.text;
  if ("error" in v) return String(v.error);
  return null;
}

/**
 * The sum of the sizes the zip's central directory declares for its entries, or null when the
 * bytes are no zip (or a ZIP64 one, which no spreadsheet of this size needs). Read before exceljs
 * unpacks anything, so a small upload cannot unpack to gigabytes.
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minEnd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
