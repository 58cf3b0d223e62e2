// GET /api/metrics – Prometheus text exposition (ops and admin only)
import { withApi } from "@/lib/api/with-api";
import { collectMetrics } from "@/lib/ops/collect-metrics";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = withApi(
  async () => new Response(await collectMetrics(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } }),
  { staffOnly: true, rateLimit: false },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
