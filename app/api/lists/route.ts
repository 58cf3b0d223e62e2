// GET /api/lists – the company's saved lists (every user's); POST – save a list (from a cart, a spreadsheet review or an order)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { createList } from "@/lib/lists/create-list";
import { listLists } from "@/lib/lists/get-list";
import { createListSchema } from "@/lib/lists/schemas";

export const GET = withApi(async ({ principal }) => NextResponse.json(await listLists(principal)), { permission: "orders:read" });

export const POST = withApi(
  async ({ req, principal }) => {
    const input = createListSchema.parse((await readJsonBody(req, 1024 * 1024)).json);
    return NextResponse.json(await createList(principal, input), { status: 201 });
  },
  { permission: "orders:write" },
);

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
