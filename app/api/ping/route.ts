// GET /api/ping – liveness only: does no work (also the benchmark's baseline route)
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("ok", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}
