import { randomUUID } from "node:crypto";

/** The header a request id comes in and goes back out in (every answer, errors too). */
export const REQUEST_ID_HEADER = "X-Request-Id";

/** What we accept from a client or proxy: 1–128 characters of [A-Za-z0-9._:-] (a UUID, a trace id, "lb-1:42"). */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when well-formed, else a new one (a malformed one is replaced, never echoed). */
export function requestIdFor(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && WELL_FORMED.test(given) ? given : randomUUID();
}

/** The answer with its request id (a response with immutable headers, a proxied fetch, goes as it is). */
export function withRequestIdHeader(res: Response, requestId: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // Immutable headers: sent without it.
  }
  return res;
}

/**
 * The route's template for metrics labels ("/api/orders/{id}"), never the raw URL: each path
 * segment that is one of the route's params is replaced by the param's name, so the label set
 * stays as small as the route table. Params are matched from the end, where they sit; a param
 * not found in the path (which no route of ours does) gives "other" rather than a raw path.
 */
export function routeTemplate(pathname: string, params: Record<string, unknown> | undefined): string {
  const segments = pathname.split("/");
  const entries = Object.entries(params ?? {});
  let end = segments.length - 1;
  for (let p = entries.length - 1; p >= 0; p--) {
    const [key, value] = entries[p]!;
    let at = -1;
    for (let i = end; i > 0; i--) {
      if (decoded(segments[i]!) === String(value)) {
        at = i;
        break;
      }
    }
    if (at < 0) return "other";
    segments[at] = `{${key}}`;
    end = at - 1;
  }
  return segments.join("/");
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
