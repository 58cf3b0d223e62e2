import { randomUUID } from "node:crypto";

/**
 * Answers in CJ's envelope `{ code, result, message, data, requestId }`. CJ
 * reports its own errors with HTTP 200 and a `code`, so `fail` does too unless
 * told otherwise; only infrastructure trouble (a simulated 500) is an HTTP error.
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function ok(data: unknown): Response {
  return json(200, { code: 200, result: true, message: "Success", data, requestId: randomUUID() });
}

export function fail(code: number, message: string, httpStatus = 200): Response {
  return json(httpStatus, { code, result: false, message, data: null, requestId: randomUUID() });
}

/** The body as JSON, or a param-error Response to return as is. */
export async function readJson(req: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await req.text();
  try {
    return { ok: true, body: text.trim() === "" ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false, response: fail(1600300, "Param error: the body is not valid JSON") };
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** CJ's date format: China time with its offset, "2021-08-18T09:16:33+08:00". */
export function cjDateString(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+08:00");
}
