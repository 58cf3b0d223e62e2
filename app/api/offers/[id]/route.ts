// GET /api/offers/{id} – one offer with its lines and timeline
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getOffer } from "@/lib/offers/list-offers";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await getOffer(principal, params.id)), {
  permission: "orders:read",
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
