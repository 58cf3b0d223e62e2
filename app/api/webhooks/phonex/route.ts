// POST /api/webhooks/phonex – signed PhoneX status and inventory events (contracts.md §3)
import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/with-api";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export async function POST(req: Request) {
  try {
    const a = await receiveWebhook("phonex", req);
    return NextResponse.json(a.body, { status: a.status });
  } catch (err) {
    return errorResponse(err);
  }
}
