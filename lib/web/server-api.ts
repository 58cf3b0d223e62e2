import "server-only";
import { headers } from "next/headers";

/**
 * Server pages read our own API (rather than Prisma) so the API stays the one
 * place that decides what a caller may see; the page only needs to know
 * whether the order exists (a real 404 status) and gets a first paint
 * without a spinner. It calls this instance over loopback, never a host taken
 * from the request (that would let a Host header steer server requests).
 * Any failure other than a clear 404 returns null and the client fetches.
 */
export async function fetchOwnApi<T>(path: string): Promise<{ status: number; data: T | null }> {
  const origin = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
  const cookie = (await headers()).get("cookie") ?? "";
  try {
    const res = await fetch(origin + path, {
      headers: { cookie, accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(4000),
    });
    const data = res.ok ? ((await res.json()) as T) : null;
    return { status: res.status, data };
  } catch {
    return { status: 0, data: null };
  }
}
