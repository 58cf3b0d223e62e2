// GET /api/lists/{id} – a saved list, each line with its price and availability now; PATCH – rename or replace its lines; DELETE – remove it
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { deleteList, updateList } from "@/lib/lists/change-list";
import { getList } from "@/lib/lists/get-list";
import { updateListSchema } from "@/lib/lists/schemas";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await getList(principal, params.id)), {
  permission: "orders:read",
});

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const input = updateListSchema.parse((await readJsonBody(req, 1024 * 1024)).json);
    return NextResponse.json(await updateList(principal, params.id, input));
  },
  { permission: "orders:write" },
);

export const DELETE = withApi<{ id: string }>(
  async ({ params, principal }) => {
    await deleteList(principal, params.id);
    return NextResponse.json({ id: params.id, deleted: true });
  },
  { permission: "orders:write" },
);

const notAllowed = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { notAllowed as POST, notAllowed as PUT };
