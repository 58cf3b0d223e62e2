// GET /api/events – Server-Sent Events: order.updated for the orders the caller may see, sync.progress for staff,
// notification.created for a signed-in user's own in-app notifications
import { errorResponse, resolvePrincipal, withRequest } from "@/lib/api/with-api";
import { AppError } from "@/lib/errors";
import { isStaff } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/permissions";
import { eventHub, eventsSince, type StreamEvent } from "@/lib/events/hub";
import { inboxWatcher } from "@/lib/events/inbox-watch";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

const cmp = (a: string, b: string) => {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am! - bm! || as! - bs!;
};

export const GET = withRequest("/api/events", async (req: Request) => {
  let principal;
  try {
    principal = await resolvePrincipal(req);
    if (!principal) throw new AppError("unauthenticated", "Sign in or send 'Authorization: Bearer <api key>'");
    requirePermission(principal, "orders:read");
  } catch (err) {
    return errorResponse(err);
  }
  const staff = isStaff(principal);
  // sync.progress is about suppliers, not a company's orders: staff only.
  const visible = (e: StreamEvent) => staff || (e.event.type !== "sync.progress" && e.event.companyId === principal.companyId);
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = lastEventId ?? "0-0";
      const send = (e: StreamEvent) => {
        if (closed || !visible(e) || cmp(e.id, lastSent) <= 0) return;
        lastSent = e.id;
        controller.enqueue(encoder.encode(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`));
      };
      // Subscribe before reading the backlog so nothing falls between the two.
      const buffered: StreamEvent[] = [];
      let live = false;
      const unsubscribe = eventHub.subscribe((e) => (live ? send(e) : buffered.push(e)));
      // A signed-in user's own notifications (no id: they are not in the Redis stream, and a
      // reconnect refetches the unread count instead of replaying them).
      const unwatch =
        principal.kind === "session"
          ? inboxWatcher.subscribe(principal.userId, (n) => {
              if (!closed) controller.enqueue(encoder.encode(`event: ${n.type}\ndata: ${JSON.stringify(n)}\n\n`));
            })
          : () => {};
      const ping = setInterval(() => !closed && controller.enqueue(encoder.encode(`: ping\n\n`)), 15_000);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        unsubscribe();
        unwatch();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      req.signal.addEventListener("abort", () => cleanup());
      controller.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`));
      if (lastEventId) for (const e of await eventsSince(lastEventId)) send(e);
      live = true;
      for (const e of buffered) send(e);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
