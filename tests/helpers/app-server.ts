// Serves the app's real route handlers over real HTTP without a Next.js build,
// for integration tests: the simulator posts its webhooks here and tests call
// the API with fetch. Browser tests (tests/e2e) use the real `next start`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type RouteModule = Partial<Record<Method, Handler>>;

const routes: { pattern: RegExp; keys: string[]; load: () => Promise<RouteModule> }[] = [
  { pattern: /^\/api\/orders$/, keys: [], load: () => import("../../app/api/orders/route") },
  { pattern: /^\/api\/orders\/batch$/, keys: [], load: () => import("../../app/api/orders/batch/route") },
  { pattern: /^\/api\/offers$/, keys: [], load: () => import("../../app/api/offers/route") },
  { pattern: /^\/api\/ops\/products\/([^/]+)\/offer-terms$/, keys: ["sku"], load: () => import("../../app/api/ops/products/[sku]/offer-terms/route") },
  { pattern: /^\/api\/ops\/offer-rules$/, keys: [], load: () => import("../../app/api/ops/offer-rules/route") },
  { pattern: /^\/api\/ops\/offer-rules\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/offer-rules/[id]/route") },
  { pattern: /^\/api\/offers\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/route") },
  { pattern: /^\/api\/offers\/([^/]+)\/accept$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/accept/route") },
  { pattern: /^\/api\/offers\/([^/]+)\/decline$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/decline/route") },
  { pattern: /^\/api\/offers\/([^/]+)\/counter$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/counter/route") },
  { pattern: /^\/api\/offers\/([^/]+)\/order$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/order/route") },
  { pattern: /^\/api\/offers\/([^/]+)\/withdraw$/, keys: ["id"], load: () => import("../../app/api/offers/[id]/withdraw/route") },
  { pattern: /^\/api\/quick-order\/review$/, keys: [], load: () => import("../../app/api/quick-order/review/route") },
  { pattern: /^\/api\/quick-order\/template$/, keys: [], load: () => import("../../app/api/quick-order/template/route") },
  { pattern: /^\/api\/lists$/, keys: [], load: () => import("../../app/api/lists/route") },
  { pattern: /^\/api\/lists\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/lists/[id]/route") },
  { pattern: /^\/api\/orders\/([^/]+)\/reorder$/, keys: ["id"], load: () => import("../../app/api/orders/[id]/reorder/route") },
  { pattern: /^\/api\/orders\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/orders/[id]/route") },
  { pattern: /^\/api\/orders\/([^/]+)\/cancel$/, keys: ["id"], load: () => import("../../app/api/orders/[id]/cancel/route") },
  { pattern: /^\/api\/ops\/orders$/, keys: [], load: () => import("../../app/api/ops/orders/route") },
  { pattern: /^\/api\/ops\/orders\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/orders/[id]/route") },
  { pattern: /^\/api\/ops\/orders\/([^/]+)\/retry$/, keys: ["id"], load: () => import("../../app/api/ops/orders/[id]/retry/route") },
  {
    pattern: /^\/api\/ops\/orders\/([^/]+)\/notifications\/([^/]+)\/resend$/,
    keys: ["id", "notificationId"],
    load: () => import("../../app/api/ops/orders/[id]/notifications/[notificationId]/resend/route"),
  },
  { pattern: /^\/api\/ops\/suppliers$/, keys: [], load: () => import("../../app/api/ops/suppliers/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/test$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/test/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/reset-circuit$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/reset-circuit/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/sync$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/sync/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/price-list$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/price-list/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/scorecard$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/scorecard/route") },
  { pattern: /^\/api\/ops\/scorecards$/, keys: [], load: () => import("../../app/api/ops/scorecards/route") },
  { pattern: /^\/api\/ops\/scorecards\/settings$/, keys: [], load: () => import("../../app/api/ops/scorecards/settings/route") },
  { pattern: /^\/api\/ops\/suppliers\/([^/]+)\/sla$/, keys: ["id"], load: () => import("../../app/api/ops/suppliers/[id]/sla/route") },
  { pattern: /^\/api\/ops\/exceptions$/, keys: [], load: () => import("../../app/api/ops/exceptions/route") },
  { pattern: /^\/api\/ops\/exceptions\/count$/, keys: [], load: () => import("../../app/api/ops/exceptions/count/route") },
  { pattern: /^\/api\/ops\/exceptions\/([^/]+)\/([^/]+)$/, keys: ["id", "action"], load: () => import("../../app/api/ops/exceptions/[id]/[action]/route") },
  { pattern: /^\/api\/ops\/sync-logs$/, keys: [], load: () => import("../../app/api/ops/sync-logs/route") },
  { pattern: /^\/api\/ops\/webhooks$/, keys: [], load: () => import("../../app/api/ops/webhooks/route") },
  { pattern: /^\/api\/ops\/webhooks\/replay$/, keys: [], load: () => import("../../app/api/ops/webhooks/replay/route") },
  { pattern: /^\/api\/ops\/webhooks\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/webhooks/[id]/route") },
  { pattern: /^\/api\/ops\/webhooks\/([^/]+)\/replay$/, keys: ["id"], load: () => import("../../app/api/ops/webhooks/[id]/replay/route") },
  { pattern: /^\/api\/ops\/webhooks\/([^/]+)\/attach$/, keys: ["id"], load: () => import("../../app/api/ops/webhooks/[id]/attach/route") },
  { pattern: /^\/api\/ops\/jobs$/, keys: [], load: () => import("../../app/api/ops/jobs/route") },
  { pattern: /^\/api\/ops\/jobs\/retry$/, keys: [], load: () => import("../../app/api/ops/jobs/retry/route") },
  { pattern: /^\/api\/ops\/jobs\/discard$/, keys: [], load: () => import("../../app/api/ops/jobs/discard/route") },
  { pattern: /^\/api\/ops\/pricing\/rules$/, keys: [], load: () => import("../../app/api/ops/pricing/rules/route") },
  { pattern: /^\/api\/ops\/pricing\/rules\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/pricing/rules/[id]/route") },
  { pattern: /^\/api\/ops\/pricing\/settings$/, keys: [], load: () => import("../../app/api/ops/pricing/settings/route") },
  { pattern: /^\/api\/ops\/pricing\/changes$/, keys: [], load: () => import("../../app/api/ops/pricing/changes/route") },
  { pattern: /^\/api\/ops\/pricing\/changes\/([^/]+)\/approve$/, keys: ["id"], load: () => import("../../app/api/ops/pricing/changes/[id]/approve/route") },
  { pattern: /^\/api\/ops\/pricing\/changes\/([^/]+)\/reject$/, keys: ["id"], load: () => import("../../app/api/ops/pricing/changes/[id]/reject/route") },
  { pattern: /^\/api\/ops\/alerts$/, keys: [], load: () => import("../../app/api/ops/alerts/route") },
  { pattern: /^\/api\/ops\/products\/import$/, keys: [], load: () => import("../../app/api/ops/products/import/route") },
  { pattern: /^\/api\/ops\/products\/([^/]+)$/, keys: ["sku"], load: () => import("../../app/api/ops/products/[sku]/route") },
  { pattern: /^\/api\/products$/, keys: [], load: () => import("../../app/api/products/route") },
  { pattern: /^\/api\/openapi\.json$/, keys: [], load: () => import("../../app/api/openapi.json/route") },
  { pattern: /^\/api\/account$/, keys: [], load: () => import("../../app/api/account/route") },
  { pattern: /^\/api\/account\/webhooks$/, keys: [], load: () => import("../../app/api/account/webhooks/route") },
  { pattern: /^\/api\/account\/webhooks\/([^/]+)\/recover$/, keys: ["id"], load: () => import("../../app/api/account/webhooks/[id]/recover/route") },
  {
    pattern: /^\/api\/account\/webhooks\/([^/]+)\/deliveries\/([^/]+)\/resend$/,
    keys: ["id", "messageId"],
    load: () => import("../../app/api/account/webhooks/[id]/deliveries/[messageId]/resend/route"),
  },
  { pattern: /^\/api\/account\/webhooks\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/account/webhooks/[id]/route") },
  { pattern: /^\/api\/account\/webhooks\/([^/]+)\/secret$/, keys: ["id"], load: () => import("../../app/api/account/webhooks/[id]/secret/route") },
  {
    pattern: /^\/api\/account\/webhooks\/([^/]+)\/rotate-secret$/,
    keys: ["id"],
    load: () => import("../../app/api/account/webhooks/[id]/rotate-secret/route"),
  },
  { pattern: /^\/api\/account\/webhooks\/([^/]+)\/test$/, keys: ["id"], load: () => import("../../app/api/account/webhooks/[id]/test/route") },
  { pattern: /^\/api\/account\/webhooks\/([^/]+)\/deliveries$/, keys: ["id"], load: () => import("../../app/api/account/webhooks/[id]/deliveries/route") },
  { pattern: /^\/api\/account\/company$/, keys: [], load: () => import("../../app/api/account/company/route") },
  { pattern: /^\/api\/account\/addresses$/, keys: [], load: () => import("../../app/api/account/addresses/route") },
  { pattern: /^\/api\/account\/addresses\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/account/addresses/[id]/route") },
  { pattern: /^\/api\/ops\/companies$/, keys: [], load: () => import("../../app/api/ops/companies/route") },
  { pattern: /^\/api\/ops\/audit$/, keys: [], load: () => import("../../app/api/ops/audit/route") },
  { pattern: /^\/api\/ops\/audit\.csv$/, keys: [], load: () => import("../../app/api/ops/audit.csv/route") },
  { pattern: /^\/api\/ops\/companies\/([^/]+)\/orders$/, keys: ["id"], load: () => import("../../app/api/ops/companies/[id]/orders/route") },
  { pattern: /^\/api\/ops\/companies\/([^/]+)\/products$/, keys: ["id"], load: () => import("../../app/api/ops/companies/[id]/products/route") },
  { pattern: /^\/api\/ops\/companies\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/ops/companies/[id]/route") },
  {
    pattern: /^\/api\/ops\/companies\/([^/]+)\/users\/([^/]+)$/,
    keys: ["id", "userId"],
    load: () => import("../../app/api/ops/companies/[id]/users/[userId]/route"),
  },
  { pattern: /^\/api\/account\/api-keys$/, keys: [], load: () => import("../../app/api/account/api-keys/route") },
  { pattern: /^\/api\/account\/api-keys\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/account/api-keys/[id]/route") },
  { pattern: /^\/api\/account\/api-keys\/([^/]+)\/roll$/, keys: ["id"], load: () => import("../../app/api/account/api-keys/[id]/roll/route") },
  { pattern: /^\/api\/account\/users$/, keys: [], load: () => import("../../app/api/account/users/route") },
  { pattern: /^\/api\/account\/users\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/account/users/[id]/route") },
  { pattern: /^\/api\/account\/invitations$/, keys: [], load: () => import("../../app/api/account/invitations/route") },
  { pattern: /^\/api\/account\/invitations\/([^/]+)$/, keys: ["id"], load: () => import("../../app/api/account/invitations/[id]/route") },
  { pattern: /^\/api\/account\/password$/, keys: [], load: () => import("../../app/api/account/password/route") },
  { pattern: /^\/api\/account\/notifications$/, keys: [], load: () => import("../../app/api/account/notifications/route") },
  { pattern: /^\/api\/account\/notifications\/read$/, keys: [], load: () => import("../../app/api/account/notifications/read/route") },
  { pattern: /^\/api\/account\/notifications\/read-all$/, keys: [], load: () => import("../../app/api/account/notifications/read-all/route") },
  { pattern: /^\/api\/account\/notification-preferences$/, keys: [], load: () => import("../../app/api/account/notification-preferences/route") },
  { pattern: /^\/api\/password\/forgot$/, keys: [], load: () => import("../../app/api/password/forgot/route") },
  { pattern: /^\/api\/password\/reset$/, keys: [], load: () => import("../../app/api/password/reset/route") },
  { pattern: /^\/api\/invitations\/accept$/, keys: [], load: () => import("../../app/api/invitations/accept/route") },
  { pattern: /^\/api\/auth\/(.+)$/, keys: ["nextauth"], load: () => import("../../app/api/auth/[...nextauth]/route") },
  { pattern: /^\/api\/webhooks\/([a-z0-9-]+)$/, keys: ["supplier"], load: () => import("../../app/api/webhooks/[supplier]/route") },
  { pattern: /^\/api\/events$/, keys: [], load: () => import("../../app/api/events/route") },
  { pattern: /^\/api\/health$/, keys: [], load: () => import("../../app/api/health/route") },
  { pattern: /^\/api\/metrics$/, keys: [], load: () => import("../../app/api/metrics/route") },
];

export type AppServer = { url: string; server: Server; close(): Promise<void> };

export async function startAppServer(): Promise<AppServer> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const route = routes.find((r) => r.pattern.test(url.pathname));
      const mod = route ? await route.load() : undefined;
      const handler = mod?.[(req.method ?? "GET") as Method];
      if (!route || !handler) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found","message":"No route"}}');
        return;
      }
      const m = route.pattern.exec(url.pathname)!;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]));
      } catch {
        // As proxy.ts answers in front of Next.js.
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(
            '{"error":{"code":"not_found","message":"No such resource: the path is not valid percent-encoded UTF-8","fields":{"path":"Invalid percent-encoding"}}}',
          );
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      // Read the body off the socket first (as a front proxy would), so a
      // handler that refuses it early (413) leaves the connection clean.
      const chunks: Buffer[] = [];
      if (hasBody) for await (const c of req) chunks.push(c as Buffer);
      const request = new Request(url, {
        method: req.method,
        headers,
        signal: controller.signal,
        body: hasBody ? Buffer.concat(chunks) : undefined,
      });
      const response = await handler(request, { params: Promise.resolve(params) });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      if (!response.body) return void res.end();
      // Stream (Server-Sent Events must not be buffered).
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || res.destroyed) break;
        res.write(value);
      }
      res.end();
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal_error", message: String(err) } }));
    }
  });
  // Longer than any pause between tests: a reused keep-alive socket must not be closed under a request.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
