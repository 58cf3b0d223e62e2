// GET /api/ops/alerts?q=&kind=&cursor=&limit= – recent low-stock and out-of-stock alerts (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listStockAlerts, listStockAlertsQuerySchema } from "@/lib/catalog/list-stock-alerts";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => {
    const query = listStockAlertsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listStockAlerts(query));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
