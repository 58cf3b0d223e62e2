// GET /api/ops/audit.csv – the audit log as CSV (the same filters as /api/ops/audit), streamed (ops only)
import { withApi } from "@/lib/api/with-api";
import { auditCsvChunks, auditQuerySchema } from "@/lib/audit/list-audit-entries";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => {
    const query = Object.fromEntries(new URL(req.url).searchParams);
    // Bad filters answer 422 before the first byte; the rows are read batch by batch as the client takes them.
    auditQuerySchema.parse(query);
    const chunks = auditCsvChunks(query);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
