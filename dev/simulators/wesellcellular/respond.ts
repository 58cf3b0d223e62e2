/**
 * Response helpers. The error body `{ "code", "message" }` is assumed (the contract says
 * nothing about errors); the client reads it with defaultDescribeError, which
 * also understands `{ "error": { "code", "message" } }`.
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function fail(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { code, message }, headers);
}

/** The body as JSON, or a 400 Response to return as is. */
export async function readJson(req: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await req.text();
  try {
    return { ok: true, body: text.trim() === "" ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false, response: fail(400, "invalid_json", "The body is not valid JSON") };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
