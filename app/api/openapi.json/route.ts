// GET /api/openapi.json – the public API as OpenAPI 3.1, generated from the zod schemas the handlers parse with
import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";
import { env } from "@/lib/env";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

let cached: { url: string; doc: unknown } | null = null;

export function GET() {
  const url = env().APP_URL.replace(/\/+$/, "");
  if (cached?.url !== url) cached = { url, doc: buildOpenApiDocument(url) };
  return NextResponse.json(cached.doc, { headers: { "Cache-Control": "public, max-age=300" } });
}

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
