import { NextResponse } from "next/server";
import { answered } from "./answered";
import { routeTemplate } from "./request-id";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof METHODS)[number];

/**
 * The handler a route exports for the methods it does not serve: the API's
 * JSON error shape with 405 and an Allow header, instead of Next's empty 405.
 */
export function methodNotAllowed(allowed: readonly RouteMethod[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return (req: Request, context?: { params?: Promise<unknown> }): Promise<Response> =>
    answered(
      req,
      async () => routeTemplate(new URL(req.url).pathname, ((await context?.params) ?? undefined) as Record<string, unknown> | undefined),
      async () =>
        NextResponse.json(
          { error: { code: "method_not_allowed", message: `${req.method} is not supported here; use ${allowed.join(" or ")}` } },
          { status: 405, headers: { Allow: allow } },
        ),
    );
}

export const ROUTE_METHODS = METHODS;
