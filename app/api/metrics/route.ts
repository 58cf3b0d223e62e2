// GET /api/metrics – Prometheus text exposition (ops and admin only)
import { withApi } from "@/lib/api/with-api";
import { collectMetrics, METRICS_CONTENT_TYPE } from "@/lib/ops/collect-metrics";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(
  async () => new Response(await collectMetrics(), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } }),
  { staffOnly: true, rateLimit: false },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
