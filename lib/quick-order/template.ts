import ExcelJS from "exceljs";
import Papa from "papaparse";
import { COLUMN_LABELS, SHEET_COLUMNS } from "./parse-sheet";

/**
 * The quick-order template (GET /api/quick-order/template): the columns parse-sheet reads, with
 * one row by SKU and one by attributes. A row needs a SKU, or Brand, Model, Storage and Grade;
 * Color and Max unit price may stay empty.
 */
const HEADER = SHEET_COLUMNS.map((c) => COLUMN_LABELS[c]);
const EXAMPLES = [
  ["IPHONE12-64GB-A", "", "", "", "", "", "10", "1,246.00"],
  ["", "Apple", "iPhone 13", "128GB", "B", "Blue", "5", ""],
];

export function templateCsv(): string {
  return `${Papa.unparse([HEADER, ...EXAMPLES], { newline: "\r\n" })}\r\n`;
}

export async function templateXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Quick order");
  ws.addRow(HEADER).font = { bold: true };
  for (const r of EXAMPLES) ws.addRow(r.map((v, i) => (v !== "" && (i === 6 || i === 7) ? Number(v.replace(/,/g, "")) : v)));
  ws.columns.forEach((c) => (c.width = 18));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
