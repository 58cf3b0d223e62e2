// POST /api/quick-order/review – a pasted (JSON { text }) or uploaded (multipart file, or the file as the body) sheet, each row matched to the catalog with its price and availability
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody, readRawBody } from "@/lib/api/read-body";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { AppError } from "@/lib/errors";
import { reviewSheet } from "@/lib/quick-order/review-sheet";
import { MAX_SHEET_BYTES, pastedSheetSchema } from "@/lib/quick-order/schemas";

/** Room for the multipart envelope around a file of MAX_SHEET_BYTES. */
const FORM_OVERHEAD = 64 * 1024;

export const POST = withApi(
  async ({ req, principal }) => {
    const type = req.headers.get("content-type") ?? "";
    if (/json/i.test(type)) {
      // JSON escapes quotes and line breaks: room for that; the text itself is held to MAX_SHEET_BYTES.
      const { text } = pastedSheetSchema.parse((await readJsonBody(req, 2 * MAX_SHEET_BYTES)).json);
      return NextResponse.json(await reviewSheet(principal, { text }));
    }
    if (/^multipart\/form-data/i.test(type)) {
      const raw = await readRawBody(req, MAX_SHEET_BYTES + FORM_OVERHEAD);
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData().catch(() => null);
      if (!form) throw new AppError("validation_failed", "The form could not be read", { fields: { file: "Send the sheet as the form's 'file' field" } });
      const file = form.get("file");
      if (typeof file === "string" || !file) {
        const text = form.get("text");
        if (typeof text === "string" && text.trim()) return NextResponse.json(await reviewSheet(principal, pastedSheetSchema.parse({ text })));
        throw new AppError("validation_failed", "No file in the form", { fields: { file: "Required" } });
      }
      if (file.size > MAX_SHEET_BYTES)
        throw new AppError("payload_too_large", `The file exceeds ${MAX_SHEET_BYTES} bytes`, { fields: { file: "At most 2 MB" } });
      return NextResponse.json(await reviewSheet(principal, { bytes: new Uint8Array(await file.arrayBuffer()) }));
    }
    // text/csv, an XLSX content type or none: the body is the file.
    return NextResponse.json(await reviewSheet(principal, { bytes: new Uint8Array(await readRawBody(req, MAX_SHEET_BYTES)) }));
  },
  { permission: "orders:read" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
