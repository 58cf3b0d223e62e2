// GET /api/health – 200 when Postgres, Redis and the queues answer; 503 otherwise
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/ops/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const h = await checkHealth();
  return NextResponse.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
