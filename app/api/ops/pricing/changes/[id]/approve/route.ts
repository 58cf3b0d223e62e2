// POST /api/ops/pricing/changes/{id}/approve – the product takes the new price (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { reviewPriceChange } from "@/lib/pricing/review-price-change";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await reviewPriceChange(principal, params.id, "approve")), {
  staffOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
