// POST /api/ops/suppliers/{id}/price-list – import a CSV price list (text/csv body or JSON { csv }): the report, or 422 naming each bad line (ops only)
import { NextResponse } from "next/server";
import { readJsonBody, readRawBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { MAX_PRICE_LIST_BYTES, priceListUploadSchema } from "@/lib/catalog/import-schemas";
import { uploadPriceList } from "@/lib/catalog/upload-price-list";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const csv = /^text\/csv\b/i.test(req.headers.get("content-type") ?? "")
      ? (await readRawBody(req, MAX_PRICE_LIST_BYTES)).toString("utf8")
      : // JSON escapes quotes and line breaks: room for that; uploadPriceList checks the CSV itself.
        priceListUploadSchema.parse((await readJsonBody(req, 2 * MAX_PRICE_LIST_BYTES)).json).csv;
    return NextResponse.json(await uploadPriceList(params.id, csv, principal.email));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
