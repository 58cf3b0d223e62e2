// GET /api/metrics – Prometheus text exposition (ops and admin only)
import { withApi } from "@/lib/api/with-api";
import { collectMetrics } from "@/lib/ops/collect-metrics";

export const dynamic = "force-dynamic";

export const GET = withApi(
  async () => new Response(await collectMetrics(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } }),
  { staffOnly: true, rateLimit: false },
);
