// The rules of ARCHITECTURE.md ("Who may import whom"), checked on the source:
// - a lib/ domain imports at runtime only from domains in lower layers (or itself);
//   type-only imports are erased and may cross;
// - lib/ never imports app/, components/, workers/, dev/ or tests/; what production
//   runs (lib, app, components, workers, emails, proxy) never imports dev/ or tests/;
// - only lib/catalog/offers writes supplier offers or creates products.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/** Lower numbers are lower layers. A domain is lib/<name>, or lib/<name>.ts for the single-file ones. */
export const LAYERS: Record<string, number> = {
  env: 0,
  logger: 0,
  errors: 0,
  "error-chain": 0,
  money: 0,
  timeout: 0,
  failpoints: 0,
  coalesce: 1,
  "tracking-url": 0,
  db: 1,
  redis: 1,
  crypto: 1,
  wire: 1,
  settings: 2,
  auth: 2,
  events: 2,
  audit: 2,
  suppliers: 3,
  queue: 4,
  pricing: 5,
  notifications: 5,
  catalog: 6,
  orders: 7,
  api: 8,
  offers: 8,
  "quick-order": 8,
  lists: 8,
  webhooks: 9,
  account: 9,
  outbound: 9,
  openapi: 10,
  ops: 9,
  web: 9,
  "suppliers/admin": 9,
  scorecards: 9,
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join("/");

/** Runtime imports (not `import type` / `export type`), resolved to repo-relative paths. */
function runtimeImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const m of src.matchAll(re)) {
    if (m[2]) continue;
    const spec = m[3]!;
    if (spec.startsWith("@/")) out.push(spec.slice(2));
    else if (spec.startsWith(".")) out.push(rel(path.resolve(path.dirname(file), spec)));
  }
  for (const m of src.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    const spec = m[1]!;
    if (spec.startsWith("@/")) out.push(spec.slice(2));
    else if (spec.startsWith(".")) out.push(rel(path.resolve(path.dirname(file), spec)));
  }
  return out;
}

function domainOf(repoPath: string): string | null {
  const m = /^lib\/([^/]+?)(?:\.tsx?)?(?:\/([^/]+))?(?:\/|$)/.exec(repoPath);
  if (!m) return null;
  if (m[1] === "suppliers" && m[2] === "admin") return "suppliers/admin";
  return m[1]!;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.endsWith("architecture.test.ts");

describe("who may import whom", () => {
  const libFiles = walk(path.join(ROOT, "lib")).filter((f) => !isTest(f));

  it("every lib/ domain is in the table", () => {
    const unknown = [...new Set(libFiles.map((f) => domainOf(rel(f))!))].filter((d) => !(d in LAYERS));
    expect(unknown).toEqual([]);
  });

  it("a domain imports at runtime only from lower layers", () => {
    const wrong: string[] = [];
    for (const f of libFiles) {
      const from = domainOf(rel(f))!;
      for (const target of runtimeImports(f)) {
        const to = domainOf(target);
        if (!to || to === from || (from === "suppliers/admin" && to === "suppliers")) continue;
        if ((LAYERS[to] ?? 99) >= (LAYERS[from] ?? -1)) wrong.push(`${rel(f)} → ${target} (${from} may not import ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lib never imports the app, the UI, the worker process or dev and test tooling", () => {
    const wrong = libFiles.flatMap((f) =>
      runtimeImports(f)
        .filter((t) => /^(app|components|workers|dev|tests)\//.test(t))
        .map((t) => `${rel(f)} → ${t}`),
    );
    expect(wrong).toEqual([]);
  });

  it("what production runs never imports dev/ or tests/", () => {
    const prod = ["lib", "app", "components", "workers", "emails"].flatMap((d) => walk(path.join(ROOT, d))).filter((f) => !isTest(f));
    prod.push(path.join(ROOT, "proxy.ts"), path.join(ROOT, "prisma", "seed.ts"));
    const wrong = prod.flatMap((f) =>
      runtimeImports(f)
        .filter((t) => /^(dev|tests)\//.test(t))
        .map((t) => `${rel(f)} → ${t}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe("one catalog writer", () => {
  // Order intake reserves stock with a conditional decrement through lib/catalog/offers/reserve-offer-stock.ts too.
  const WRITES =
    /supplierOffer\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b|product\.(create|createMany|upsert)\b|(INSERT INTO|UPDATE|DELETE FROM)\s+"(SupplierOffer|SupplierOfferStock)"|INSERT INTO\s+"Product"/;

  it("only lib/catalog/offers writes supplier offers or creates products", () => {
    const wrong = walk(path.join(ROOT, "lib"))
      .filter((f) => !isTest(f) && !rel(f).startsWith("lib/catalog/offers/"))
      .filter((f) => WRITES.test(readFileSync(f, "utf8")))
      .map(rel);
    expect(wrong).toEqual([]);
  });
});
