// PATCH /api/ops/products/{sku} { disabled } – take a product off sale or back (ops only)
import { NextResponse } from "next/server";
import { z } from "zod";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { setProductDisabled } from "@/lib/catalog/set-product-disabled";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const bodySchema = z.object({ disabled: z.boolean() });

export const PATCH = withApi<{ sku: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await setProductDisabled(params.sku, bodySchema.parse(json).disabled, auditActor(principal)));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
