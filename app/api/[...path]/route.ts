// /api/* that no route defines – the API's JSON error shape, not Next's HTML 404
import { NextResponse } from "next/server";
import { withRequest } from "@/lib/api/with-api";

// One label for every path no route defines (the raw path would make a series per typo).
const notFound = withRequest("unmatched", (req: Request) => {
  const path = new URL(req.url).pathname;
  return NextResponse.json({ error: { code: "not_found", message: `No such API endpoint: ${req.method} ${path.slice(0, 200)}` } }, { status: 404 });
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
