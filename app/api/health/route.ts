// GET /api/health – 200 when Postgres, Redis and the queues answer; 503 otherwise
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/ops/check-health";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { withRequest } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withRequest("/api/health", async () => {
  const h = await checkHealth();
  return NextResponse.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
