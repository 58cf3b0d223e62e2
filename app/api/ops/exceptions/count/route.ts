// GET /api/ops/exceptions/count – how many exceptions are open, for the nav (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { countOpenExceptions } from "@/lib/ops/exceptions/scan-exceptions";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json({ open: await countOpenExceptions() }), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
