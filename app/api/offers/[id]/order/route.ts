// POST /api/offers/{id}/order – the buyer orders an accepted offer at the agreed prices (once: a retry answers the same order)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { orderOffer } from "@/lib/offers/order-offer";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await orderOffer(principal, params.id, json, principal.kind === "api_key" ? "api" : "web"), { status: 201 });
  },
  { permission: "orders:write" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
