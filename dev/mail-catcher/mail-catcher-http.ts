import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CaughtMessage } from "./mail-catcher";

/**
 * The mail catcher's web UI and JSON API, on plain node:http: the demo only
 * needs a list, a message view and a way to clear.
 *   GET /                    messages, newest first
 *   GET /messages/{id}       one message: HTML (sandboxed iframe) and text
 *   GET /api/messages        JSON, newest first
 *   GET /api/messages/{id}   JSON
 *   DELETE /api/messages     clear
 */
type Store = { messages(): CaughtMessage[]; clear(): void };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1f2933;background:#f4f5f7}
header{background:#0f4c81;color:#fff;padding:12px 20px;display:flex;gap:16px;align-items:center}
header a{color:#fff}main{padding:16px 20px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:8px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e4e7eb}
iframe{width:100%;height:70vh;border:1px solid #e4e7eb;background:#fff}button{cursor:pointer}`;

function page(title: string, body: string, refresh = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${
    refresh ? '<meta http-equiv="refresh" content="5">' : ""
  }<style>${CSS}</style></head><body><header><strong><a href="/">Mail catcher</a></strong><span>${escapeHtml(title)}</span></header><main>${body}</main></body></html>`;
}

function listPage(messages: CaughtMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || "(no subject)")}</a></td><td>${escapeHtml(
          m.to.join(", "),
        )}</td><td>${escapeHtml(m.receivedAt.toISOString())}</td></tr>`,
    )
    .join("");
  // Clearing through fetch keeps the API the single way to delete; refresh keeps the demo screen live.
  const clear = `<p><button onclick="fetch('/api/messages',{method:'DELETE'}).then(()=>location.reload())">Delete all</button></p>`;
  return page(
    `${messages.length} message${messages.length === 1 ? "" : "s"}`,
    `${clear}<table><thead><tr><th>Subject</th><th>To</th><th>Received (UTC)</th></tr></thead><tbody>${
      rows || '<tr><td colspan="3">No messages yet.</td></tr>'
    }</tbody></table>`,
    true,
  );
}

function messagePage(m: CaughtMessage): string {
  const head = [
    ["From", m.from],
    ["To", m.to.join(", ")],
    ["Subject", m.subject],
    ["Message-ID", m.messageId ?? ""],
    ["Received", m.receivedAt.toISOString()],
  ]
    .map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v ?? "")}</td></tr>`)
    .join("");
  // srcdoc is escaped as an attribute; sandbox (no scripts, no same-origin) keeps the mail's HTML away from this page.
  const html = m.html
    ? `<h3>HTML</h3><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : "<p>(no HTML part)</p>";
  return page(m.subject || "(no subject)", `<table>${head}</table>${html}<h3>Text</h3><pre>${escapeHtml(m.text)}</pre>`);
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(body);
}

export async function startMailCatcherHttp(opts: Store & { port: number; host: string }) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://catcher").pathname;
    const newestFirst = () => opts.messages().reverse();
    // ids are plain counters; a malformed escape simply matches nothing instead of throwing in the handler
    const byId = (id: string) => opts.messages().find((m) => encodeURIComponent(m.id) === id);
    const detail = /^\/(api\/)?messages\/([^/]+)$/.exec(path);

    if (req.method === "GET" && path === "/") return send(res, 200, "text/html", listPage(newestFirst()));
    if (req.method === "GET" && path === "/api/messages") return send(res, 200, "application/json", JSON.stringify(newestFirst()));
    if (req.method === "DELETE" && path === "/api/messages") {
      opts.clear();
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && detail) {
      const m = byId(detail[2]!);
      if (detail[1]) return m ? send(res, 200, "application/json", JSON.stringify(m)) : send(res, 404, "application/json", '{"error":"not_found"}');
      return m ? send(res, 200, "text/html", messagePage(m)) : send(res, 404, "text/html", page("Not found", "<p>No such message.</p>"));
    }
    if (path === "/" || path === "/api/messages" || detail) return send(res, 405, "text/plain", "Method not allowed");
    return send(res, 404, "text/plain", "Not found");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // browsers hold keep-alive sockets open
        server.close(() => resolve());
      }),
  };
}
