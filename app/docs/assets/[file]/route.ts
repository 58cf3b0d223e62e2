// GET /docs/assets/{file} – Swagger UI's own files, served from the npm package (no CDN)
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};
const cache = new Map<string, Buffer>();

function distDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  } catch {
    return path.join(process.cwd(), "node_modules", "swagger-ui-dist");
  }
}

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const type = FILES[file];
  if (!type) return new Response("Not found", { status: 404 });
  let body = cache.get(file);
  if (!body) {
    body = await readFile(path.join(distDir(), file));
    cache.set(file, body);
  }
  return new Response(new Uint8Array(body), { headers: { "content-type": type, "cache-control": "public, max-age=86400" } });
}
