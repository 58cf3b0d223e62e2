// GET /api/ops/pricing/settings – price tolerance and low-stock threshold; PATCH – change them (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { getSettings, updateSettings } from "@/lib/settings/settings";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json(await getSettings()), { staffOnly: true });

export const PATCH = withApi(
  async ({ req }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateSettings(json));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PATCH"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
