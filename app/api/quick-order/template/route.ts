// GET /api/quick-order/template?format=csv|xlsx – the quick-order template as a download
import { withApi } from "@/lib/api/with-api";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { templateQuerySchema } from "@/lib/quick-order/schemas";
import { templateCsv, templateXlsx } from "@/lib/quick-order/template";

export const GET = withApi(async ({ req }) => {
  const { format } = templateQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  if (format === "xlsx") {
    return new Response(new Uint8Array(await templateXlsx()), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": 'attachment; filename="quick-order-template.xlsx"',
      },
    });
  }
  return new Response(templateCsv(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="quick-order-template.csv"' },
  });
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
