import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { methodNotAllowed, ROUTE_METHODS } from "./method-not-allowed";

const API = path.resolve(__dirname, "../../app/api");
const routeFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? routeFiles(p) : n === "route.ts" ? [p] : [];
  });

describe("methodNotAllowed", () => {
  it("answers 405 with the JSON error shape and Allow", async () => {
    const res = await methodNotAllowed(["GET", "POST"])(new Request("http://x/api/orders", { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: "DELETE is not supported here; use GET or POST" } });
  });

  it("every API route answers every method: its own handlers, the rest methodNotAllowed", () => {
    const missing: string[] = [];
    for (const f of routeFiles(API)) {
      // NextAuth's catch-all is its own; the unknown-path catch-all answers everything with 404.
      if (f.includes("[...nextauth]")) continue;
      const src = readFileSync(f, "utf8");
      for (const m of ROUTE_METHODS) {
        const served = new RegExp(`^export (const|async function|function) ${m}\\b`, "m").test(src) || new RegExp(`notAllowed as ${m}\\b`).test(src);
        if (!served) missing.push(`${path.relative(API, f)} ${m}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
