// Runs before Next.js routes a request (Next 16's proxy, formerly middleware):
// an API path that is not valid percent-encoding (/api/orders/%ff) would fail
// Next's own param decoding with a plain-text 500 before any route handler;
// here it gets the API's JSON error shape instead.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(req: NextRequest) {
  const raw = new URL(req.url).pathname;
  for (const segment of raw.split("/")) {
    try {
      // (A NUL or other ill-formed text that does decode reaches the route, whose wrapper answers 422 naming the param.)
      decodeURIComponent(segment);
    } catch {
      return NextResponse.json(
        {
          error: { code: "not_found", message: "No such resource: the path is not valid percent-encoded UTF-8", fields: { path: "Invalid percent-encoding" } },
        },
        { status: 404 },
      );
    }
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/:path*" };
